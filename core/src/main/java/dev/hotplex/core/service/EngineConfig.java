package dev.hotplex.core.service;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The engine's settings (the seed's {@code EngineOptions}); validated on construction.
 *
 * @param workspaceRoot      every session's work dir must resolve inside this directory
 * @param namespace          mixed into provider session ids, so two deployments never collide
 * @param maxSessions        live sessions (with a process or a running turn) at most; more is {@code CAPACITY}
 * @param turnTimeout        a turn running longer is interrupted, then killed after {@code interruptGrace}
 * @param interruptGrace     how long an interrupted turn may take to end before its process is killed
 * @param stopGrace          between the polite stop and the kill of a process group
 * @param idleTimeout        a session without input or output for this long loses its process (it stays resumable)
 * @param permissionTimeout  an unanswered permission request is denied after this (keep it below the CLI's ~60 s)
 * @param reaperInterval     how often idle sessions are looked for; zero disables the background reaper
 * @param maxPromptChars     longer prompts are refused with {@code INVALID_REQUEST}
 * @param adminToken         enables the danger bypass for whoever presents it; empty disables the bypass entirely
 * @param maxBypass          the danger bypass switches itself off after this
 */
public record EngineConfig(
        Path workspaceRoot,
        String namespace,
        int maxSessions,
        Duration turnTimeout,
        Duration interruptGrace,
        Duration stopGrace,
        Duration idleTimeout,
        Duration permissionTimeout,
        Duration reaperInterval,
        int maxPromptChars,
        ToolApproval toolApproval,
        List<String> allowedTools,
        List<String> disallowedTools,
        Optional<String> adminToken,
        Duration maxBypass) {

    public EngineConfig {
        requireNonNull(workspaceRoot, "workspaceRoot is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(toolApproval, "toolApproval is null");
        allowedTools = List.copyOf(requireNonNull(allowedTools, "allowedTools is null"));
        disallowedTools = List.copyOf(requireNonNull(disallowedTools, "disallowedTools is null"));
        requireNonNull(adminToken, "adminToken is null");
        check(workspaceRoot.isAbsolute(), "workspaceRoot must be an absolute path: " + workspaceRoot);
        check(!namespace.isBlank(), "namespace must not be blank");
        check(maxSessions >= 1, "maxSessions must be at least 1, got " + maxSessions);
        check(maxPromptChars >= 1, "maxPromptChars must be at least 1, got " + maxPromptChars);
        positive("turnTimeout", turnTimeout);
        positive("interruptGrace", interruptGrace);
        positive("stopGrace", stopGrace);
        positive("idleTimeout", idleTimeout);
        positive("permissionTimeout", permissionTimeout);
        positive("maxBypass", maxBypass);
        requireNonNull(reaperInterval, "reaperInterval is null");
        check(!reaperInterval.isNegative(), "reaperInterval must not be negative");
        adminToken.ifPresent(token -> check(token.length() >= 16, "adminToken must be at least 16 characters"));
    }

    /** Sane defaults for everything but the workspace root. */
    public static EngineConfig defaults(Path workspaceRoot) {
        return new EngineConfig(workspaceRoot, "hotplex", 64, Duration.ofMinutes(10), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMinutes(30), Duration.ofSeconds(50), Duration.ofSeconds(30),
                200_000, ToolApproval.ASK, List.of(), List.of(), Optional.empty(), Duration.ofMinutes(15));
    }

    public EngineConfig withMaxSessions(int value) {
        return new EngineConfig(workspaceRoot, namespace, value, turnTimeout, interruptGrace, stopGrace, idleTimeout,
                permissionTimeout, reaperInterval, maxPromptChars, toolApproval, allowedTools, disallowedTools,
                adminToken, maxBypass);
    }

    public EngineConfig withTimeouts(Duration turn, Duration interrupt, Duration stop) {
        return new EngineConfig(workspaceRoot, namespace, maxSessions, turn, interrupt, stop, idleTimeout,
                permissionTimeout, reaperInterval, maxPromptChars, toolApproval, allowedTools, disallowedTools,
                adminToken, maxBypass);
    }

    public EngineConfig withIdle(Duration idle, Duration reaper) {
        return new EngineConfig(workspaceRoot, namespace, maxSessions, turnTimeout, interruptGrace, stopGrace, idle,
                permissionTimeout, reaper, maxPromptChars, toolApproval, allowedTools, disallowedTools, adminToken,
                maxBypass);
    }

    public EngineConfig withPermissions(ToolApproval approval, Duration timeout) {
        return new EngineConfig(workspaceRoot, namespace, maxSessions, turnTimeout, interruptGrace, stopGrace,
                idleTimeout, timeout, reaperInterval, maxPromptChars, approval, allowedTools, disallowedTools,
                adminToken, maxBypass);
    }

    public EngineConfig withTools(List<String> allowed, List<String> disallowed) {
        return new EngineConfig(workspaceRoot, namespace, maxSessions, turnTimeout, interruptGrace, stopGrace,
                idleTimeout, permissionTimeout, reaperInterval, maxPromptChars, toolApproval, allowed, disallowed,
                adminToken, maxBypass);
    }

    public EngineConfig withAdminToken(String token, Duration bypassLimit) {
        return new EngineConfig(workspaceRoot, namespace, maxSessions, turnTimeout, interruptGrace, stopGrace,
                idleTimeout, permissionTimeout, reaperInterval, maxPromptChars, toolApproval, allowedTools,
                disallowedTools, Optional.ofNullable(token), bypassLimit);
    }

    public EngineConfig withMaxPromptChars(int value) {
        return new EngineConfig(workspaceRoot, namespace, maxSessions, turnTimeout, interruptGrace, stopGrace,
                idleTimeout, permissionTimeout, reaperInterval, value, toolApproval, allowedTools, disallowedTools,
                adminToken, maxBypass);
    }

    private static void positive(String name, Duration value) {
        requireNonNull(value, name + " is null");
        check(!value.isNegative() && !value.isZero(), name + " must be positive, got " + value);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG, message);
        }
    }

    @Override
    public String toString() {
        // never print the admin token
        return "EngineConfig[workspaceRoot=" + workspaceRoot + ", namespace=" + namespace + ", maxSessions="
                + maxSessions + ", turnTimeout=" + turnTimeout + ", idleTimeout=" + idleTimeout + ", toolApproval="
                + toolApproval + ", adminToken=" + (adminToken.isPresent() ? "****" : "none") + "]";
    }
}
