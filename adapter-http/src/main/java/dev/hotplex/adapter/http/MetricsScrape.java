package dev.hotplex.adapter.http;

/**
 * What {@code GET /metrics} serves: the current metrics in some text exposition format (Prometheus text, from the
 * telemetry module, bound by the app). Without one bound, {@code /metrics} answers 404.
 */
public interface MetricsScrape {
    /** The response's {@code Content-Type}, e.g. {@code text/plain; version=0.0.4; charset=utf-8}. */
    String contentType();

    /** The metrics now; called once per scrape, on the request's thread. */
    String scrape();
}
