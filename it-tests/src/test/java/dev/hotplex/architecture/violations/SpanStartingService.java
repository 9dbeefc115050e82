package dev.hotplex.architecture.violations;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;

/** Traces outside the telemetry module. */
public final class SpanStartingService {

    private final Tracer tracer;

    public SpanStartingService(Tracer tracer) {
        this.tracer = tracer;
    }

    public void work() {
        Span span = tracer.spanBuilder("work").startSpan();
        span.end();
    }
}
