package dev.hotplex.app.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.hotplex.provider.claude.ClaudeProviderConfig;
import dev.hotplex.provider.claude.ConfigDirScope;
import dev.hotplex.provider.process.SandboxConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The {@code claude:} section: how the Claude Code CLI is launched. Unset fields keep the provider's defaults. */
public record ClaudeSettings(
        String binary,
        String model,
        String permissionMode,
        @JsonDeserialize(using = CommaListDeserializer.class) List<String> extraArgs,
        Map<String, String> env,
        @JsonDeserialize(using = CommaListDeserializer.class) List<String> envAllow,
        Boolean partialMessages,
        Integer maxLineBytes,
        Duration startupTimeout,
        String mcpConfig,
        @JsonDeserialize(using = CommaListDeserializer.class) List<String> addDirs,
        Integer maxTurns,
        Boolean permissionPromptStdio,
        Duration shutdownGrace,
        String configDirScope) {

    static final ClaudeSettings EMPTY = new ClaudeSettings(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    public ClaudeSettings {
        if (configDirScope != null) {
            try {
                ConfigDirScope.parse(configDirScope.strip());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("claude.config-dir-scope: " + e.getMessage());
            }
        }
    }

    public ClaudeProviderConfig toProviderConfig() {
        return toProviderConfig(ClaudeProviderConfig.DEFAULT_STATE_DIR);
    }

    /** The provider's settings, recording its live process groups under {@code stateDir}. */
    public ClaudeProviderConfig toProviderConfig(Path stateDir) {
        return toProviderConfig(stateDir, SandboxConfig.defaults());
    }

    /** The provider's settings, recording its live process groups under {@code stateDir}, confined by {@code sandbox}. */
    public ClaudeProviderConfig toProviderConfig(Path stateDir, SandboxConfig sandbox) {
        ClaudeProviderConfig.Builder builder = ClaudeProviderConfig.builder().stateDir(stateDir).sandbox(sandbox);
        Settings.set(configDirScope == null ? null : ConfigDirScope.parse(configDirScope.strip()),
                builder::configDirScope);
        Settings.set(binary, builder::binary);
        Settings.set(model, builder::model);
        Settings.set(permissionMode, builder::permissionMode);
        Settings.set(extraArgs, builder::extraArgs);
        Settings.set(env, builder::extraEnv);
        Settings.set(envAllow, builder::envAllow);
        Settings.set(partialMessages, builder::partialMessages);
        Settings.set(maxLineBytes, builder::maxLineBytes);
        Settings.set(startupTimeout, builder::startupTimeout);
        Settings.set(mcpConfig, builder::mcpConfig);
        Settings.set(addDirs == null ? null : addDirs.stream().map(Path::of).toList(), builder::addDirs);
        Settings.set(maxTurns, builder::maxTurns);
        Settings.set(permissionPromptStdio, builder::permissionPromptStdio);
        Settings.set(shutdownGrace, builder::shutdownGrace);
        return builder.build();
    }

    @Override
    public String toString() {
        // extra environment may carry keys: show names only
        return "ClaudeSettings[binary=" + binary + ", model=" + model + ", env="
                + (env == null ? "{}" : env.keySet()) + "]";
    }
}
