package dev.hotplex.provider.codex.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The CLI's whole environment: the allow-listed engine variables, {@code CODEX_HOME} when configured,
 * then the configured extras. Nothing else is inherited, so engine secrets never reach the agent.
 */
public record CodexEnvironment(List<String> allow, Optional<Path> home, Map<String, String> extra) {
    public CodexEnvironment {
        allow = List.copyOf(requireNonNull(allow, "allow is null"));
        requireNonNull(home, "home is null");
        extra = Map.copyOf(requireNonNull(extra, "extra is null"));
    }

    public Map<String, String> build(Map<String, String> engineEnvironment) {
        Map<String, String> environment = new LinkedHashMap<>();
        allow.forEach(name -> Optional.ofNullable(engineEnvironment.get(name))
                .ifPresent(value -> environment.put(name, value)));
        home.ifPresent(dir -> environment.put("CODEX_HOME", dir.toAbsolutePath().toString()));
        environment.putAll(extra);
        return Map.copyOf(environment);
    }
}
