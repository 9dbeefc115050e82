package dev.hotplex.adapter.http;

import dev.hotplex.core.error.HotplexException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * One Resilience4j rate limiter per tenant, so a noisy tenant spends only its own budget. Never waits: a request over
 * budget is refused at once with {@code RATE_LIMITED} (429 + Retry-After) rather than holding a server thread.
 */
final class TenantRateLimiter {
    private final RateLimit limit;
    private final RateLimiterRegistry registry;

    TenantRateLimiter(RateLimit limit) {
        this.limit = requireNonNull(limit, "limit is null");
        this.registry = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, limit.permits()))
                .limitRefreshPeriod(limit.period())
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    void acquire(Tenant tenant) {
        if (!limit.enabled()) {
            return;
        }
        RateLimiter limiter = registry.rateLimiter("tenant-" + tenant.name());
        if (!limiter.acquirePermission()) {
            throw new HotplexException(HttpErrorCode.RATE_LIMITED, "too many requests for this API key: at most "
                    + limit.permits() + " per " + limit.period().toMillis() + " ms");
        }
    }

    /** The limiters, one per tenant, for telemetry to subscribe to their events. */
    RateLimiterRegistry registry() {
        return registry;
    }

    /** Whole seconds until the budget refills, at least 1. */
    long retryAfterSeconds() {
        return Math.max(1, (limit.period().toMillis() + 999) / 1000);
    }
}
