package dev.hotplex.testkit.anthropic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Server-sent events on one response body, flushed event by event, with pauses that end as soon as the
 * client goes away or the fake closes: a plain sleep would keep a disconnected stream "running".
 */
final class SseStream {
    /** How often a pause probes the connection; a write to a closed socket fails by the second probe. */
    static final Duration PROBE_INTERVAL = Duration.ofMillis(50);
    // An SSE comment: clients ignore it, but writing it tells us whether the client is still there.
    private static final byte[] PROBE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final CountDownLatch closing;

    SseStream(OutputStream out, CountDownLatch closing) {
        this.out = requireNonNull(out, "out is null");
        this.closing = requireNonNull(closing, "closing is null");
    }

    /** Writes {@code event: <type>} with {@code data} = {@code {"type":<type>, ...fields}} and flushes. */
    void event(String type, Map<String, ?> fields) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.putAll(fields);
        String frame = "event: " + type + "\ndata: " + JsonWriter.write(data) + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Waits {@code delay}, probing the connection meanwhile; {@link IOException} when the client
     * disconnected or the fake is closing.
     */
    void pause(Duration delay) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + delay.toNanos();
        for (long left = delay.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            if (closing.await(Math.min(left, PROBE_INTERVAL.toNanos()), TimeUnit.NANOSECONDS)) {
                throw new IOException("the fake Anthropic API is closing");
            }
            out.write(PROBE);
            out.flush();
        }
    }
}
