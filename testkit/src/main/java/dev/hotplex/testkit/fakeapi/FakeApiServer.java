package dev.hotplex.testkit.fakeapi;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * The HTTP side of a fake model API: an ephemeral port on 127.0.0.1 served on virtual threads, one recorded
 * endpoint, every other call answered 404 and recorded as unexpected, and a close that releases whatever
 * answer still waits.
 */
final class FakeApiServer implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch closing;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FakeApiServer(HttpServer server, ExecutorService executor, CountDownLatch closing) {
        this.server = server;
        this.executor = executor;
        this.closing = closing;
    }

    /**
     * Binds and starts serving {@code POST <path>} through {@code endpoint}, recording into {@code log}.
     * {@code apiName} (e.g. {@code "fake Anthropic API"}) names the fake in errors and logs.
     */
    static FakeApiServer start(String apiName, String path, Endpoint endpoint, RequestLog log) {
        CountDownLatch closing = new CountDownLatch(1);
        RecordingHandler handler = new RecordingHandler(apiName, path, endpoint, log, closing);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the " + apiName + " to 127.0.0.1", e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        return new FakeApiServer(server, executor, closing);
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Releases hanging and slow answers, stops listening and waits briefly for the handlers to end; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
