package dev.hotplex.adapter.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The telemetry settings as {@code hotplex doctor} shows them. Never a secret: the OTLP headers appear only as a
 * count, and the endpoint loses any user info, query and fragment (places people put tokens) on the way in.
 *
 * @param exporter       {@code none}, {@code otlp} or {@code logging}
 * @param endpoint       where OTLP exports go; empty unless the exporter is {@code otlp}
 * @param headerCount    how many OTLP headers are configured (their values are credentials)
 * @param prometheus     whether {@code hotplex serve} answers {@code GET /metrics}
 * @param captureContent whether prompts, answers and tool input/output are put on spans
 */
public record TelemetrySummary(String exporter, Optional<URI> endpoint, int headerCount, boolean prometheus,
                               boolean captureContent) {
    public TelemetrySummary {
        requireNonNull(exporter, "exporter is null");
        endpoint = requireNonNull(endpoint, "endpoint is null").map(TelemetrySummary::withoutSecrets);
    }

    private static URI withoutSecrets(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            // not a URL with a host: nothing of it is safe to show
            return URI.create("unparseable-endpoint");
        }
    }
}
