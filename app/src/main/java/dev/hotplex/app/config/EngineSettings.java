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
 * The {@code engine:} section (kebab-case keys: {@code max-sessions}, {@code turn-timeout}, ...). Every field may be left out; {@link #toEngineConfig} fills the gaps
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
        Duration maxBypass,
        Integer prewarmSpares,
        @JsonDeserialize(using = CommaListDeserializer.class) List<String> prewarmTenants,
        Duration prewarmInterval) {

    static final EngineSettings EMPTY = new EngineSettings(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    public EngineConfig toEngineConfig(Path workspace, Optional<String> adminToken) {
        EngineConfig.Builder builder = new EngineConfig.Builder(workspace);
        Settings.set(namespace, builder::namespace);
        Settings.set(maxSessions, builder::maxSessions);
        Settings.set(maxConcurrentStarts, builder::maxConcurrentStarts);
        Settings.set(turnTimeout, builder::turnTimeout);
        Settings.set(interruptGrace, builder::interruptGrace);
        Settings.set(stopGrace, builder::stopGrace);
        Settings.set(idleTimeout, builder::idleTimeout);
        Settings.set(permissionTimeout, builder::permissionTimeout);
        Settings.set(reaperInterval, builder::reaperInterval);
        Settings.set(maxPromptChars, builder::maxPromptChars);
        Settings.set(toolApproval == null ? null : approval(toolApproval), builder::toolApproval);
        Settings.set(allowedTools, builder::allowedTools);
        Settings.set(disallowedTools, builder::disallowedTools);
        builder.adminToken(adminToken);
        Settings.set(maxBypass, builder::maxBypass);
        EngineConfig.Prewarm off = EngineConfig.Prewarm.OFF;
        builder.prewarm(new EngineConfig.Prewarm(prewarmSpares == null ? off.spares() : prewarmSpares,
                prewarmTenants == null ? off.tenants() : prewarmTenants,
                prewarmInterval == null ? off.interval() : prewarmInterval));
        return builder.build();
    }

    private static ToolApproval approval(String text) {
        try {
            return ToolApproval.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("engine.tool-approval must be one of ask, allow, deny; got '" + text + "'");
        }
    }

}
