package dev.hotplex.provider.claude;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.provider.claude.internal.ClaudeEnvironment;
import dev.hotplex.provider.process.SandboxConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * The Claude provider's settings, validated on construction ({@code INVALID_CONFIG}). Start from
 * {@link #builder()}: every setting has a default ({@code DEFAULT_*}).
 *
 * @param binary                the CLI: a path, or a name looked up on {@code PATH}
 * @param model                 {@code --model}
 * @param permissionMode        {@code --permission-mode} ({@code default}, {@code acceptEdits}, {@code plan}, ...)
 * @param extraArgs             appended to every command line; may not take over the flags hotplex manages
 * @param extraEnv              set in every CLI's environment (never {@code HOTPLEX_*} or {@code CLAUDECODE})
 * @param envAllow              more engine variables to pass on, by name or {@code PREFIX*}, on top of the
 *                              built-in allow-list ({@code PATH}, {@code HOME}, locale, proxies, {@code ANTHROPIC_*},
 *                              {@code CLAUDE_*}, {@code DISABLE_*}, {@code IS_SANDBOX}, ...)
 * @param partialMessages       {@code --include-partial-messages}: stream answer text as it is generated
 * @param maxLineBytes          longer stdout lines are skipped and reported, not buffered (tool outputs of several
 *                              MB are real, so keep this well above them)
 * @param startupTimeout        how long a new process may take to answer the {@code initialize} handshake
 *                              (cold starts take seconds when several start at once)
 * @param mcpConfig             {@code --mcp-config}: JSON or a file path
 * @param addDirs               {@code --add-dir}: more directories the agent may use, absolute
 * @param maxTurns              {@code --max-turns}
 * @param permissionPromptStdio {@code --permission-prompt-tool stdio}: tool permissions are asked of hotplex
 * @param shutdownGrace         what live processes get between the polite stop and SIGKILL when the provider
 *                              closes or the JVM exits (and orphans of a dead engine get when they are reaped)
 * @param stateDir              where every live process group is recorded (owner-only, created if missing), so
 *                              that after a {@code kill -9} of the engine the next start can reap what it left
 *                              ({@link ClaudeProvider#reapOrphans()}); absolute; engines may share it
 * @param sandbox               how each CLI is confined at the OS level (default: bubblewrap when it works here,
 *                              otherwise none with a warning); the provider adds the session's work dir and config
 *                              dir (writable), the CLI's install dir (read-only), and hides the engine's config dir
 *                              root and {@code stateDir}
 * @param configDirScope        whose {@code CLAUDE_CONFIG_DIR} a session gets (default {@link ConfigDirScope#TENANT})
 */
public record ClaudeProviderConfig(
        String binary,
        Optional<String> model,
        Optional<String> permissionMode,
        List<String> extraArgs,
        Map<String, String> extraEnv,
        List<String> envAllow,
        boolean partialMessages,
        int maxLineBytes,
        Duration startupTimeout,
        Optional<String> mcpConfig,
        List<Path> addDirs,
        OptionalInt maxTurns,
        boolean permissionPromptStdio,
        Duration shutdownGrace,
        Path stateDir,
        SandboxConfig sandbox,
        ConfigDirScope configDirScope) {

    public static final String DEFAULT_BINARY = "claude";
    public static final boolean DEFAULT_PARTIAL_MESSAGES = true;
    public static final int DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024;
    public static final int MIN_MAX_LINE_BYTES = 64 * 1024;
    public static final int MAX_MAX_LINE_BYTES = 1024 * 1024 * 1024;
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
    public static final boolean DEFAULT_PERMISSION_PROMPT_STDIO = true;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);
    /** {@code ~/.hotplex/state/claude-groups}. */
    public static final Path DEFAULT_STATE_DIR = Path.of(System.getProperty("user.home"), ".hotplex", "state",
            "claude-groups");
    public static final ConfigDirScope DEFAULT_CONFIG_DIR_SCOPE = ConfigDirScope.TENANT;

    /** Flags hotplex sets itself; extra arguments may not repeat or contradict them. */
    private static final List<String> MANAGED_FLAGS = List.of("-p", "--print", "--input-format", "--output-format",
            "--session-id", "--resume", "-r", "--continue", "-c");

    public ClaudeProviderConfig {
        requireNonNull(binary, "binary is null");
        requireNonNull(model, "model is null");
        requireNonNull(permissionMode, "permissionMode is null");
        extraArgs = List.copyOf(requireNonNull(extraArgs, "extraArgs is null"));
        extraEnv = Map.copyOf(requireNonNull(extraEnv, "extraEnv is null"));
        envAllow = List.copyOf(requireNonNull(envAllow, "envAllow is null"));
        requireNonNull(startupTimeout, "startupTimeout is null");
        requireNonNull(mcpConfig, "mcpConfig is null");
        addDirs = List.copyOf(requireNonNull(addDirs, "addDirs is null"));
        requireNonNull(maxTurns, "maxTurns is null");
        requireNonNull(shutdownGrace, "shutdownGrace is null");
        requireNonNull(stateDir, "stateDir is null");
        requireNonNull(sandbox, "sandbox is null");
        requireNonNull(configDirScope, "configDirScope is null");

        check(!binary.isBlank() && binary.indexOf('\0') < 0, "binary must be a path or a command name");
        option("model", model);
        option("permissionMode", permissionMode);
        option("mcpConfig", mcpConfig);
        for (String arg : extraArgs) {
            check(arg.indexOf('\0') < 0, "extraArgs must not hold NUL characters");
            check(MANAGED_FLAGS.stream().noneMatch(flag -> arg.equals(flag) || arg.startsWith(flag + "=")),
                    "extraArgs must not contain " + arg + ": hotplex sets " + MANAGED_FLAGS + " itself");
        }
        extraEnv.forEach((name, value) -> ClaudeEnvironment.extraProblem(name, value)
                .ifPresent(problem -> check(false, "extraEnv: " + problem)));
        envAllow.forEach(entry -> ClaudeEnvironment.allowEntryProblem(entry)
                .ifPresent(problem -> check(false, "envAllow: " + problem)));
        check(maxLineBytes >= MIN_MAX_LINE_BYTES && maxLineBytes <= MAX_MAX_LINE_BYTES,
                "maxLineBytes must be between " + MIN_MAX_LINE_BYTES + " and " + MAX_MAX_LINE_BYTES + ", got "
                        + maxLineBytes);
        check(startupTimeout.isPositive(), "startupTimeout must be positive, got " + startupTimeout);
        check(shutdownGrace.isPositive(), "shutdownGrace must be positive, got " + shutdownGrace);
        addDirs.forEach(dir -> check(dir.isAbsolute(), "addDirs must be absolute paths, got " + dir));
        maxTurns.ifPresent(turns -> check(turns >= 1, "maxTurns must be at least 1, got " + turns));
        check(stateDir.isAbsolute(), "stateDir must be an absolute path, got " + stateDir);
    }

    /** The settings from before {@code sandbox} and {@code configDirScope} existed, with their defaults. */
    public ClaudeProviderConfig(String binary, Optional<String> model, Optional<String> permissionMode,
                                List<String> extraArgs, Map<String, String> extraEnv, List<String> envAllow,
                                boolean partialMessages, int maxLineBytes, Duration startupTimeout,
                                Optional<String> mcpConfig, List<Path> addDirs, OptionalInt maxTurns,
                                boolean permissionPromptStdio, Duration shutdownGrace, Path stateDir) {
        this(binary, model, permissionMode, extraArgs, extraEnv, envAllow, partialMessages, maxLineBytes,
                startupTimeout, mcpConfig, addDirs, maxTurns, permissionPromptStdio, shutdownGrace, stateDir,
                SandboxConfig.defaults(), DEFAULT_CONFIG_DIR_SCOPE);
    }

    /** The settings from before {@code stateDir} existed, with {@link #DEFAULT_STATE_DIR}. */
    public ClaudeProviderConfig(String binary, Optional<String> model, Optional<String> permissionMode,
                                List<String> extraArgs, Map<String, String> extraEnv, List<String> envAllow,
                                boolean partialMessages, int maxLineBytes, Duration startupTimeout,
                                Optional<String> mcpConfig, List<Path> addDirs, OptionalInt maxTurns,
                                boolean permissionPromptStdio, Duration shutdownGrace) {
        this(binary, model, permissionMode, extraArgs, extraEnv, envAllow, partialMessages, maxLineBytes,
                startupTimeout, mcpConfig, addDirs, maxTurns, permissionPromptStdio, shutdownGrace, DEFAULT_STATE_DIR);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ClaudeProviderConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void option(String name, Optional<String> value) {
        value.ifPresent(text -> check(!text.isBlank() && !text.startsWith("-") && text.indexOf('\0') < 0,
                name + " must be a non-blank value that does not start with '-', got '" + text + "'"));
    }

    private static void check(boolean valid, String message) {
        if (!valid) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG, "Claude provider: " + message);
        }
    }

    /** Collects settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private String binary = DEFAULT_BINARY;
        private Optional<String> model = Optional.empty();
        private Optional<String> permissionMode = Optional.empty();
        private final List<String> extraArgs = new ArrayList<>();
        private final Map<String, String> extraEnv = new LinkedHashMap<>();
        private final List<String> envAllow = new ArrayList<>();
        private boolean partialMessages = DEFAULT_PARTIAL_MESSAGES;
        private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
        private Optional<String> mcpConfig = Optional.empty();
        private final List<Path> addDirs = new ArrayList<>();
        private OptionalInt maxTurns = OptionalInt.empty();
        private boolean permissionPromptStdio = DEFAULT_PERMISSION_PROMPT_STDIO;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private Path stateDir = DEFAULT_STATE_DIR;
        private SandboxConfig sandbox = SandboxConfig.defaults();
        private ConfigDirScope configDirScope = DEFAULT_CONFIG_DIR_SCOPE;

        private Builder() {
        }

        private Builder(ClaudeProviderConfig config) {
            binary = config.binary();
            model = config.model();
            permissionMode = config.permissionMode();
            extraArgs.addAll(config.extraArgs());
            extraEnv.putAll(config.extraEnv());
            envAllow.addAll(config.envAllow());
            partialMessages = config.partialMessages();
            maxLineBytes = config.maxLineBytes();
            startupTimeout = config.startupTimeout();
            mcpConfig = config.mcpConfig();
            addDirs.addAll(config.addDirs());
            maxTurns = config.maxTurns();
            permissionPromptStdio = config.permissionPromptStdio();
            shutdownGrace = config.shutdownGrace();
            stateDir = config.stateDir();
            sandbox = config.sandbox();
            configDirScope = config.configDirScope();
        }

        public Builder binary(String value) {
            binary = requireNonNull(value, "binary is null");
            return this;
        }

        public Builder model(String value) {
            model = Optional.of(value);
            return this;
        }

        public Builder permissionMode(String value) {
            permissionMode = Optional.of(value);
            return this;
        }

        public Builder extraArgs(List<String> values) {
            extraArgs.clear();
            extraArgs.addAll(values);
            return this;
        }

        public Builder extraEnv(Map<String, String> values) {
            extraEnv.clear();
            extraEnv.putAll(values);
            return this;
        }

        public Builder putExtraEnv(String name, String value) {
            extraEnv.put(name, value);
            return this;
        }

        public Builder envAllow(List<String> values) {
            envAllow.clear();
            envAllow.addAll(values);
            return this;
        }

        public Builder partialMessages(boolean value) {
            partialMessages = value;
            return this;
        }

        public Builder maxLineBytes(int value) {
            maxLineBytes = value;
            return this;
        }

        public Builder startupTimeout(Duration value) {
            startupTimeout = requireNonNull(value, "startupTimeout is null");
            return this;
        }

        public Builder mcpConfig(String value) {
            mcpConfig = Optional.of(value);
            return this;
        }

        public Builder addDirs(List<Path> values) {
            addDirs.clear();
            addDirs.addAll(values);
            return this;
        }

        public Builder maxTurns(int value) {
            maxTurns = OptionalInt.of(value);
            return this;
        }

        public Builder permissionPromptStdio(boolean value) {
            permissionPromptStdio = value;
            return this;
        }

        public Builder shutdownGrace(Duration value) {
            shutdownGrace = requireNonNull(value, "shutdownGrace is null");
            return this;
        }

        public Builder stateDir(Path value) {
            stateDir = requireNonNull(value, "stateDir is null");
            return this;
        }

        public Builder sandbox(SandboxConfig value) {
            sandbox = requireNonNull(value, "sandbox is null");
            return this;
        }

        public Builder configDirScope(ConfigDirScope value) {
            configDirScope = requireNonNull(value, "configDirScope is null");
            return this;
        }

        public ClaudeProviderConfig build() {
            return new ClaudeProviderConfig(binary, model, permissionMode, extraArgs, extraEnv, envAllow,
                    partialMessages, maxLineBytes, startupTimeout, mcpConfig, addDirs, maxTurns, permissionPromptStdio,
                    shutdownGrace, stateDir, sandbox, configDirScope);
        }
    }
}
