package dev.hotplex.adapter.http;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * A per-tenant request budget: {@code permits} requests per {@code period}; {@code permits == 0} turns limiting off.
 */
public record RateLimit(int permits, Duration period) {
    public RateLimit {
        requireNonNull(period, "period is null");
        if (permits < 0) {
            throw new IllegalArgumentException("permits is negative: " + permits);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
    }

    public static RateLimit unlimited() {
        return new RateLimit(0, Duration.ofSeconds(1));
    }

    public static RateLimit perSecond(int permits) {
        return new RateLimit(permits, Duration.ofSeconds(1));
    }

    public boolean enabled() {
        return permits > 0;
    }
}
