package dev.hotplex.telemetry.sdk;

import io.opentelemetry.sdk.resources.Resource;

import static java.util.Objects.requireNonNull;

/** One Prometheus scrape: the current metrics as text exposition format, collected when asked. */
public final class PrometheusScrape {
    private final PrometheusReader reader;
    private final Resource resource;

    PrometheusScrape(PrometheusReader reader, Resource resource) {
        this.reader = requireNonNull(reader, "reader is null");
        this.resource = requireNonNull(resource, "resource is null");
    }

    public String contentType() {
        return PrometheusText.CONTENT_TYPE;
    }

    public String scrape() {
        return PrometheusText.write(reader.collect(), resource);
    }
}
