package dev.hotplex.provider.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Drains a process's stderr and keeps only its last bytes, for error messages: the stream must be read
 * all the time (a full pipe would block the child) but may be megabytes long (memory).
 */
final class StderrTail {
    private static final System.Logger LOG = System.getLogger(StderrTail.class.getName());

    private final byte[] ring;
    private final CountDownLatch drained = new CountDownLatch(1);
    private int next;
    private long total;

    StderrTail(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.ring = new byte[capacity];
    }

    /** Reads {@code in} to its end; meant to run on its own thread from the moment the process started. */
    void drain(InputStream in) {
        requireNonNull(in, "in is null");
        byte[] chunk = new byte[8192];
        try (in) {
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                append(chunk, read);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "stderr ended: {0}", e.toString());
        } finally {
            drained.countDown();
        }
    }

    synchronized void append(byte[] bytes, int count) {
        int from = Math.max(0, count - ring.length);
        for (int i = from; i < count; i++) {
            ring[next] = bytes[i];
            next = (next + 1) % ring.length;
        }
        total += count;
    }

    /** The last bytes seen, decoded and trimmed; prefixed with {@code ...} when earlier output was dropped. */
    synchronized String text() {
        int size = (int) Math.min(total, ring.length);
        byte[] tail = new byte[size];
        int start = (next - size + ring.length) % ring.length;
        for (int i = 0; i < size; i++) {
            tail[i] = ring[(start + i) % ring.length];
        }
        int skip = 0;
        while (total > ring.length && skip < size && (tail[skip] & 0xC0) == 0x80) {
            skip++; // a character cut in half by the ring
        }
        String text = new String(tail, skip, size - skip, StandardCharsets.UTF_8).strip();
        return total > ring.length ? "..." + text : text;
    }

    synchronized long totalBytes() {
        return total;
    }

    /** Waits until the stream ended (every writer closed it); false on timeout. */
    boolean awaitDrained(Duration timeout) {
        try {
            return drained.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
