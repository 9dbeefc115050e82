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
 * @param maxConcurrentStarts processes being started at once at most (a cold start costs about a CPU-second);
 *                           further starts wait for a slot, within the turn timeout
 * @param turnTimeout        a turn running longer is interrupted, then killed after {@code interruptGrace}
 * @param interruptGrace     how long an interrupted turn may take to end before its process is killed
 * @param stopGrace          between the polite stop and the kill of a process group
 * @param idleTimeout        a session without input or output for this long loses its process (it stays resumable)
 * @param permissionTimeout  an unanswered permission request is denied after this (keep it below the CLI's ~60 s)
 * @param reaperInterval     how often idle sessions are looked for; zero disables the background reaper
 * @param maxPromptChars     longer prompts are refused with {@code INVALID_REQUEST}
 * @param adminToken         enables the danger bypass for whoever presents it; empty disables the bypass entirely
 * @param maxBypass          the danger bypass switches itself off after this
 * @param prewarm            spare processes started ahead of new sessions; {@link Prewarm#OFF} by default
 */
public record EngineConfig(
        Path workspaceRoot,
        String namespace,
        int maxSessions,
        int maxConcurrentStarts,
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
        Duration maxBypass,
        Prewarm prewarm) {

    /**
     * Spare processes for brand-new sessions, so their first turn skips the cold start.
     *
     * @param spares   spares kept ready per tenant; 0 turns pre-warming off
     * @param tenants  tenants kept warm from the engine's start; any other tenant gets spares after its first new
     *                 session, until it opens none for the idle timeout
     * @param interval at most one spare is started per interval, in the background
     */
    public record Prewarm(int spares, List<String> tenants, Duration interval) {
        public static final Prewarm OFF = new Prewarm(0, List.of(), Duration.ofSeconds(1));

        public Prewarm {
            tenants = List.copyOf(requireNonNull(tenants, "tenants is null"));
            check(spares >= 0, "prewarmSpares must not be negative, got " + spares);
            positive("prewarmInterval", interval);
            tenants.forEach(tenant -> check(!tenant.isBlank(), "prewarmTenants must not contain a blank name"));
        }

        public boolean enabled() {
            return spares > 0;
        }
    }

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
        check(maxConcurrentStarts >= 1, "maxConcurrentStarts must be at least 1, got " + maxConcurrentStarts);
        check(maxPromptChars >= 1, "maxPromptChars must be at least 1, got " + maxPromptChars);
        positive("turnTimeout", turnTimeout);
        positive("interruptGrace", interruptGrace);
        positive("stopGrace", stopGrace);
        positive("idleTimeout", idleTimeout);
        positive("permissionTimeout", permissionTimeout);
        positive("maxBypass", maxBypass);
        requireNonNull(prewarm, "prewarm is null");
        check(prewarm.spares() < maxSessions, "prewarmSpares (" + prewarm.spares()
                + ") must be below maxSessions (" + maxSessions + "): spares count as live processes");
        requireNonNull(reaperInterval, "reaperInterval is null");
        check(!reaperInterval.isNegative(), "reaperInterval must not be negative");
        adminToken.ifPresent(token -> check(token.length() >= 16, "adminToken must be at least 16 characters"));
    }

    /** Sane defaults for everything but the workspace root. */
    public static EngineConfig defaults(Path workspaceRoot) {
        return new Builder(workspaceRoot).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public EngineConfig withMaxSessions(int value) {
        return toBuilder().maxSessions(value).build();
    }

    public EngineConfig withTimeouts(Duration turn, Duration interrupt, Duration stop) {
        return toBuilder().turnTimeout(turn).interruptGrace(interrupt).stopGrace(stop).build();
    }

    public EngineConfig withIdle(Duration idle, Duration reaper) {
        return toBuilder().idleTimeout(idle).reaperInterval(reaper).build();
    }

    public EngineConfig withPermissions(ToolApproval approval, Duration timeout) {
        return toBuilder().toolApproval(approval).permissionTimeout(timeout).build();
    }

    public EngineConfig withTools(List<String> allowed, List<String> disallowed) {
        return toBuilder().allowedTools(allowed).disallowedTools(disallowed).build();
    }

    public EngineConfig withAdminToken(String token, Duration bypassLimit) {
        return toBuilder().adminToken(Optional.ofNullable(token)).maxBypass(bypassLimit).build();
    }

    /** Builds a config from the defaults; {@link #build()} validates. */
    public static final class Builder {
        private Path workspaceRoot;
        private String namespace = "hotplex";
        private int maxSessions = 64;
        private int maxConcurrentStarts = Math.max(1, Runtime.getRuntime().availableProcessors());
        private Duration turnTimeout = Duration.ofMinutes(10);
        private Duration interruptGrace = Duration.ofSeconds(5);
        private Duration stopGrace = Duration.ofSeconds(5);
        private Duration idleTimeout = Duration.ofMinutes(30);
        private Duration permissionTimeout = Duration.ofSeconds(50);
        private Duration reaperInterval = Duration.ofSeconds(30);
        private int maxPromptChars = 200_000;
        private ToolApproval toolApproval = ToolApproval.ASK;
        private List<String> allowedTools = List.of();
        private List<String> disallowedTools = List.of();
        private Optional<String> adminToken = Optional.empty();
        private Duration maxBypass = Duration.ofMinutes(15);
        private Prewarm prewarm = Prewarm.OFF;

        public Builder(Path workspaceRoot) {
            this.workspaceRoot = workspaceRoot;
        }

        private Builder(EngineConfig from) {
            workspaceRoot = from.workspaceRoot;
            namespace = from.namespace;
            maxSessions = from.maxSessions;
            maxConcurrentStarts = from.maxConcurrentStarts;
            turnTimeout = from.turnTimeout;
            interruptGrace = from.interruptGrace;
            stopGrace = from.stopGrace;
            idleTimeout = from.idleTimeout;
            permissionTimeout = from.permissionTimeout;
            reaperInterval = from.reaperInterval;
            maxPromptChars = from.maxPromptChars;
            toolApproval = from.toolApproval;
            allowedTools = from.allowedTools;
            disallowedTools = from.disallowedTools;
            adminToken = from.adminToken;
            maxBypass = from.maxBypass;
            prewarm = from.prewarm;
        }

        public Builder workspaceRoot(Path value) {
            workspaceRoot = value;
            return this;
        }

        public Builder namespace(String value) {
            namespace = value;
            return this;
        }

        public Builder maxSessions(int value) {
            maxSessions = value;
            return this;
        }

        public Builder maxConcurrentStarts(int value) {
            maxConcurrentStarts = value;
            return this;
        }

        public Builder turnTimeout(Duration value) {
            turnTimeout = value;
            return this;
        }

        public Builder interruptGrace(Duration value) {
            interruptGrace = value;
            return this;
        }

        public Builder stopGrace(Duration value) {
            stopGrace = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder permissionTimeout(Duration value) {
            permissionTimeout = value;
            return this;
        }

        public Builder reaperInterval(Duration value) {
            reaperInterval = value;
            return this;
        }

        public Builder maxPromptChars(int value) {
            maxPromptChars = value;
            return this;
        }

        public Builder toolApproval(ToolApproval value) {
            toolApproval = value;
            return this;
        }

        public Builder allowedTools(List<String> value) {
            allowedTools = value;
            return this;
        }

        public Builder disallowedTools(List<String> value) {
            disallowedTools = value;
            return this;
        }

        public Builder adminToken(Optional<String> value) {
            adminToken = value;
            return this;
        }

        public Builder maxBypass(Duration value) {
            maxBypass = value;
            return this;
        }

        public Builder prewarm(Prewarm value) {
            prewarm = value;
            return this;
        }

        public EngineConfig build() {
            return new EngineConfig(workspaceRoot, namespace, maxSessions, maxConcurrentStarts, turnTimeout,
                    interruptGrace, stopGrace, idleTimeout, permissionTimeout, reaperInterval, maxPromptChars,
                    toolApproval, allowedTools, disallowedTools, adminToken, maxBypass, prewarm);
        }
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
                + toolApproval + ", prewarm=" + prewarm + ", adminToken=" + (adminToken.isPresent() ? "****" : "none") + "]";
    }
}
