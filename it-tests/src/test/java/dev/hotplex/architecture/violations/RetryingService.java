package dev.hotplex.architecture.violations;

import io.github.resilience4j.core.IntervalFunction;

/** Uses Resilience4j outside the app and telemetry. */
public final class RetryingService {

    public long backoffMillis(int attempt) {
        return IntervalFunction.ofExponentialBackoff(100, 2.0).apply(attempt);
    }
}
