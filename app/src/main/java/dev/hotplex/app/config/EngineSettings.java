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
            null, null, null, null);

    public EngineConfig toEngineConfig(Path workspace) {
        EngineConfig defaults = EngineConfig.defaults(workspace);
        return new EngineConfig(workspace,
                or(namespace, defaults.namespace()),
                or(maxSessions, defaults.maxSessions()),
                or(turnTimeout, defaults.turnTimeout()),
                or(interruptGrace, defaults.interruptGrace()),
                or(stopGrace, defaults.stopGrace()),
                or(idleTimeout, defaults.idleTimeout()),
                or(permissionTimeout, defaults.permissionTimeout()),
                or(reaperInterval, defaults.reaperInterval()),
                or(maxPromptChars, defaults.maxPromptChars()),
                toolApproval == null ? defaults.toolApproval() : approval(toolApproval),
                or(allowedTools, defaults.allowedTools()),
                or(disallowedTools, defaults.disallowedTools()),
                Optional.ofNullable(adminToken).filter(token -> !token.isBlank()),
                or(maxBypass, defaults.maxBypass()));
    }

    private static ToolApproval approval(String text) {
        try {
            return ToolApproval.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("engine.toolApproval must be one of ask, allow, deny; got '" + text + "'");
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    @Override
    public String toString() {
        return "EngineSettings[maxSessions=" + maxSessions + ", adminToken=" + (adminToken == null ? "none" : "****") + "]";
    }
}
