package dev.hotplex.app.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.ToolApproval;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code engine:} section. Every field may be left out; {@link #toEngineConfig} fills the gaps
 * from {@link EngineConfig#defaults} and validates the whole.
 */
public record EngineSettings(
        String namespace,
        Integer maxSessions,
        Integer maxConcurrentStarts,
        Duration turnTimeout,
        Duration interruptGrace,
        Duration stopGrace,
        Duration idleTimeout,
        Duration permissionTimeout,
        Duration reaperInterval,
        Integer maxPromptChars,
        String toolApproval,
        @JsonDeserialize(using = CommaListDeserializer.class) List<String> allowedTools,
        @JsonDeserialize(using = CommaListDeserializer.class) List<String> disallowedTools,
        String adminToken,
        Duration maxBypass) {

    static final EngineSettings EMPTY = new EngineSettings(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    public EngineConfig toEngineConfig(Path workspace) {
        EngineConfig.Builder builder = new EngineConfig.Builder(workspace);
        set(namespace, builder::namespace);
        set(maxSessions, builder::maxSessions);
        set(maxConcurrentStarts, builder::maxConcurrentStarts);
        set(turnTimeout, builder::turnTimeout);
        set(interruptGrace, builder::interruptGrace);
        set(stopGrace, builder::stopGrace);
        set(idleTimeout, builder::idleTimeout);
        set(permissionTimeout, builder::permissionTimeout);
        set(reaperInterval, builder::reaperInterval);
        set(maxPromptChars, builder::maxPromptChars);
        set(toolApproval == null ? null : approval(toolApproval), builder::toolApproval);
        set(allowedTools, builder::allowedTools);
        set(disallowedTools, builder::disallowedTools);
        set(adminToken == null || adminToken.isBlank() ? null : Optional.of(adminToken), builder::adminToken);
        set(maxBypass, builder::maxBypass);
        return builder.build();
    }

    private static <T> void set(T value, java.util.function.Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static ToolApproval approval(String text) {
        try {
            return ToolApproval.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("engine.toolApproval must be one of ask, allow, deny; got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return "EngineSettings[maxSessions=" + maxSessions + ", adminToken=" + (adminToken == null ? "none" : "****") + "]";
    }
}
