package dev.hotplex.provider.codex;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.provider.process.SandboxConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * How to run the Codex CLI.
 *
 * @param binary         {@code codex} (looked up on PATH) or a path to the binary
 * @param model          the model of new threads; empty: Codex's own default from its config.toml
 * @param home           {@code CODEX_HOME} (config.toml, auth, stored threads); empty: Codex's default {@code ~/.codex}
 * @param sandbox        Codex's own sandbox for the commands it runs: {@code read-only}, {@code workspace-write} or
 *                       {@code danger-full-access}; applies only while {@code osSandbox} confines nothing (inside
 *                       hotplex's bubblewrap, Codex's nested bubblewrap cannot start, so threads get
 *                       {@code danger-full-access} and hotplex's sandbox is the confinement: docs/SECURITY.md)
 * @param approvalPolicy when Codex asks before running a command or changing a file: {@code untrusted},
 *                       {@code on-failure}, {@code on-request} or {@code never}; hotplex answers each request
 *                       through the engine's permission path
 * @param envAllow       names of engine environment variables passed to the CLI (nothing else is inherited)
 * @param extraEnv       variables set for the CLI on top (e.g. the variable holding the API key)
 * @param stateDir       where the live process groups and the session → thread ids are recorded
 * @param prices         per model: with a price for the thread's model, turns get a cost; otherwise none
 * @param osSandbox      how each {@code codex app-server} is confined at the OS level (default: bubblewrap when it
 *                       works here, otherwise none with a warning); the provider adds the session's work dir and
 *                       the Codex home (writable) and hides {@code stateDir}
 * @param homeScope      whose {@code CODEX_HOME} a session gets: the {@code home} itself, or a home of its tenant
 *                       or of its own under it (seeded with its {@code config.toml} and {@code auth.json})
 */
public record CodexProviderConfig(
        String binary,
        Optional<String> model,
        Optional<Path> home,
        String sandbox,
        String approvalPolicy,
        List<String> envAllow,
        Map<String, String> extraEnv,
        int maxLineBytes,
        Duration startupTimeout,
        Duration shutdownGrace,
        Path stateDir,
        Map<String, CodexPrice> prices,
        SandboxConfig osSandbox,
        CodexHomeScope homeScope) {

    public static final String DEFAULT_BINARY = "codex";
    public static final String DEFAULT_SANDBOX = "workspace-write";
    public static final String DEFAULT_APPROVAL_POLICY = "on-request";
    public static final Set<String> SANDBOXES = Set.of("read-only", "workspace-write", "danger-full-access");
    public static final Set<String> APPROVAL_POLICIES = Set.of("untrusted", "on-failure", "on-request", "never");
    public static final List<String> DEFAULT_ENV_ALLOW = List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TMPDIR",
            "OPENAI_API_KEY");
    public static final int DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024;
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);
    /** {@code ~/.hotplex/state/codex}. */
    public static final Path DEFAULT_STATE_DIR = Path.of(System.getProperty("user.home"), ".hotplex", "state", "codex");

    public CodexProviderConfig {
        requireNonNull(binary, "binary is null");
        requireNonNull(model, "model is null");
        requireNonNull(home, "home is null");
        requireNonNull(sandbox, "sandbox is null");
        requireNonNull(approvalPolicy, "approvalPolicy is null");
        envAllow = List.copyOf(requireNonNull(envAllow, "envAllow is null"));
        extraEnv = Map.copyOf(requireNonNull(extraEnv, "extraEnv is null"));
        requireNonNull(startupTimeout, "startupTimeout is null");
        requireNonNull(shutdownGrace, "shutdownGrace is null");
        requireNonNull(stateDir, "stateDir is null");
        prices = Map.copyOf(requireNonNull(prices, "prices is null"));
        requireNonNull(osSandbox, "osSandbox is null");
        requireNonNull(homeScope, "homeScope is null");
        if (binary.isBlank()) {
            throw invalid("codex binary is blank");
        }
        if (!SANDBOXES.contains(sandbox)) {
            throw invalid("codex sandbox '" + sandbox + "' is not one of " + SANDBOXES);
        }
        if (!APPROVAL_POLICIES.contains(approvalPolicy)) {
            throw invalid("codex approval-policy '" + approvalPolicy + "' is not one of " + APPROVAL_POLICIES);
        }
        if (maxLineBytes < 64 * 1024) {
            throw invalid("codex max-line-bytes must be at least 65536, got " + maxLineBytes);
        }
        if (startupTimeout.isNegative() || startupTimeout.isZero() || shutdownGrace.isNegative()) {
            throw invalid("codex startup-timeout must be positive and shutdown-grace not negative");
        }
        if (model.filter(String::isBlank).isPresent()) {
            throw invalid("codex model is blank");
        }
    }

    /** A home per tenant ({@link CodexHomeScope#TENANT}). */
    public CodexProviderConfig(String binary, Optional<String> model, Optional<Path> home, String sandbox,
                               String approvalPolicy, List<String> envAllow, Map<String, String> extraEnv,
                               int maxLineBytes, Duration startupTimeout, Duration shutdownGrace, Path stateDir,
                               Map<String, CodexPrice> prices, SandboxConfig osSandbox) {
        this(binary, model, home, sandbox, approvalPolicy, envAllow, extraEnv, maxLineBytes, startupTimeout,
                shutdownGrace, stateDir, prices, osSandbox, CodexHomeScope.TENANT);
    }

    /** In the default OS sandbox ({@link SandboxConfig#defaults()}). */
    public CodexProviderConfig(String binary, Optional<String> model, Optional<Path> home, String sandbox,
                               String approvalPolicy, List<String> envAllow, Map<String, String> extraEnv,
                               int maxLineBytes, Duration startupTimeout, Duration shutdownGrace, Path stateDir,
                               Map<String, CodexPrice> prices) {
        this(binary, model, home, sandbox, approvalPolicy, envAllow, extraEnv, maxLineBytes, startupTimeout,
                shutdownGrace, stateDir, prices, SandboxConfig.defaults());
    }

    /** Without prices (turns report no cost), in the default OS sandbox. */
    public CodexProviderConfig(String binary, Optional<String> model, Optional<Path> home, String sandbox,
                               String approvalPolicy, List<String> envAllow, Map<String, String> extraEnv,
                               int maxLineBytes, Duration startupTimeout, Duration shutdownGrace, Path stateDir) {
        this(binary, model, home, sandbox, approvalPolicy, envAllow, extraEnv, maxLineBytes, startupTimeout,
                shutdownGrace, stateDir, Map.of());
    }

    /**
     * The defaults: {@code codex} on PATH, Codex's own model and home, workspace-write, on-request, bubblewrap when
     * it works here, a home per tenant.
     */
    public static CodexProviderConfig defaults() {
        return new CodexProviderConfig(DEFAULT_BINARY, Optional.empty(), Optional.empty(), DEFAULT_SANDBOX,
                DEFAULT_APPROVAL_POLICY, DEFAULT_ENV_ALLOW, Map.of(), DEFAULT_MAX_LINE_BYTES, DEFAULT_STARTUP_TIMEOUT,
                DEFAULT_SHUTDOWN_GRACE, DEFAULT_STATE_DIR, Map.of(), SandboxConfig.defaults(), CodexHomeScope.TENANT);
    }

    public CodexProviderConfig withBinary(String newBinary) {
        return new CodexProviderConfig(newBinary, model, home, sandbox, approvalPolicy, envAllow, extraEnv,
                maxLineBytes, startupTimeout, shutdownGrace, stateDir, prices, osSandbox, homeScope);
    }

    public CodexProviderConfig withHome(Path newHome) {
        return new CodexProviderConfig(binary, model, Optional.of(newHome), sandbox, approvalPolicy, envAllow,
                extraEnv, maxLineBytes, startupTimeout, shutdownGrace, stateDir, prices, osSandbox, homeScope);
    }

    public CodexProviderConfig withModel(String newModel) {
        return new CodexProviderConfig(binary, Optional.of(newModel), home, sandbox, approvalPolicy, envAllow,
                extraEnv, maxLineBytes, startupTimeout, shutdownGrace, stateDir, prices, osSandbox, homeScope);
    }

    public CodexProviderConfig withPolicy(String newSandbox, String newApprovalPolicy) {
        return new CodexProviderConfig(binary, model, home, newSandbox, newApprovalPolicy, envAllow, extraEnv,
                maxLineBytes, startupTimeout, shutdownGrace, stateDir, prices, osSandbox, homeScope);
    }

    public CodexProviderConfig withExtraEnv(Map<String, String> newExtraEnv) {
        return new CodexProviderConfig(binary, model, home, sandbox, approvalPolicy, envAllow, newExtraEnv,
                maxLineBytes, startupTimeout, shutdownGrace, stateDir, prices, osSandbox, homeScope);
    }

    public CodexProviderConfig withStateDir(Path newStateDir) {
        return new CodexProviderConfig(binary, model, home, sandbox, approvalPolicy, envAllow, extraEnv,
                maxLineBytes, startupTimeout, shutdownGrace, newStateDir, prices, osSandbox, homeScope);
    }

    public CodexProviderConfig withShutdownGrace(Duration newGrace) {
        return new CodexProviderConfig(binary, model, home, sandbox, approvalPolicy, envAllow, extraEnv,
                maxLineBytes, startupTimeout, newGrace, stateDir, prices, osSandbox, homeScope);
    }

    public CodexProviderConfig withPrices(Map<String, CodexPrice> newPrices) {
        return new CodexProviderConfig(binary, model, home, sandbox, approvalPolicy, envAllow, extraEnv,
                maxLineBytes, startupTimeout, shutdownGrace, stateDir, newPrices, osSandbox, homeScope);
    }

    public CodexProviderConfig withOsSandbox(SandboxConfig newOsSandbox) {
        return new CodexProviderConfig(binary, model, home, sandbox, approvalPolicy, envAllow, extraEnv,
                maxLineBytes, startupTimeout, shutdownGrace, stateDir, prices, newOsSandbox, homeScope);
    }

    public CodexProviderConfig withHomeScope(CodexHomeScope newHomeScope) {
        return new CodexProviderConfig(binary, model, home, sandbox, approvalPolicy, envAllow, extraEnv,
                maxLineBytes, startupTimeout, shutdownGrace, stateDir, prices, osSandbox, newHomeScope);
    }

    private static HotplexException invalid(String message) {
        return new HotplexException(StandardErrorCode.INVALID_CONFIG, message);
    }
}
