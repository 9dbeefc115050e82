package dev.hotplex.core.service;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.port.out.Clock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The admin's switch that turns the prompt firewall off for a while. Needs the admin token (compared
 * in constant time, on digests so the length does not leak either) and expires by itself.
 */
final class DangerBypass {
    private final Optional<byte[]> tokenDigest;
    private final Duration maxDuration;
    private final Clock clock;
    private volatile Instant activeUntil;

    DangerBypass(Optional<String> adminToken, Duration maxDuration, Clock clock) {
        this.tokenDigest = adminToken.map(DangerBypass::digest);
        this.maxDuration = maxDuration;
        this.clock = clock;
    }

    void set(String presentedToken, boolean enabled) {
        byte[] expected = tokenDigest.orElseThrow(() -> new HotplexException(StandardErrorCode.UNAUTHORIZED,
                "the danger bypass is disabled: no admin token is configured"));
        if (presentedToken == null || !MessageDigest.isEqual(expected, digest(presentedToken))) {
            throw new HotplexException(StandardErrorCode.UNAUTHORIZED, "the admin token is not valid");
        }
        activeUntil = enabled ? clock.now().plus(maxDuration) : null;
    }

    boolean active() {
        Instant until = activeUntil;
        return until != null && clock.now().isBefore(until);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
