package dev.hotplex.core.service;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.port.out.AgentProvider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The providers an engine can run sessions on, by name, and the one a new session gets when it names none.
 * A session stays on the provider it started with: its record names it.
 */
public record AgentProviders(Map<String, AgentProvider> byName, String defaultName) {
    public AgentProviders {
        requireNonNull(byName, "byName is null");
        requireNonNull(defaultName, "defaultName is null");
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("at least one provider is needed");
        }
        byName.forEach((name, provider) -> {
            if (!name.equals(provider.name())) {
                throw new IllegalArgumentException("provider " + provider.name() + " is listed as " + name);
            }
        });
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        if (!byName.containsKey(defaultName)) {
            throw new IllegalArgumentException("the default provider " + defaultName + " is not among " + byName.keySet());
        }
    }

    /** Just {@code provider}, which is also the default. */
    public static AgentProviders of(AgentProvider provider) {
        requireNonNull(provider, "provider is null");
        return new AgentProviders(Map.of(provider.name(), provider), provider.name());
    }

    /** The providers in order, the first being the default. */
    public static AgentProviders of(List<AgentProvider> providers) {
        Map<String, AgentProvider> byName = new LinkedHashMap<>();
        providers.forEach(provider -> byName.put(provider.name(), provider));
        return new AgentProviders(byName, providers.getFirst().name());
    }

    /** The named provider, or the default when empty; {@code INVALID_CONFIG} naming the choices otherwise. */
    public AgentProvider choose(Optional<String> name) {
        String wanted = name.orElse(defaultName);
        AgentProvider provider = byName.get(wanted);
        if (provider == null) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG,
                    "provider '" + wanted + "' is not configured; configured: " + byName.keySet());
        }
        return provider;
    }

    public AgentProvider defaultProvider() {
        return byName.get(defaultName);
    }
}
