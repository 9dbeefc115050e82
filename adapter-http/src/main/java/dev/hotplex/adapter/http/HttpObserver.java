package dev.hotplex.adapter.http;

import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

/**
 * What the HTTP adapter tells telemetry, without knowing telemetry: SSE streams opening and closing, and the
 * Resilience4j registry of its per-tenant rate limiters (whose events telemetry counts). Called on request threads:
 * implementations must be quick and must not throw.
 */
public interface HttpObserver {
    HttpObserver NONE = new HttpObserver() {
    };

    default void sseClientOpened() {
    }

    default void sseClientClosed() {
    }

    /** Called once per server, when its rate limiters exist. */
    default void rateLimiters(RateLimiterRegistry registry) {
    }
}
