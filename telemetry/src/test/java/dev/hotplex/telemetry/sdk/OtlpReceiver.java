package dev.hotplex.telemetry.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An OTLP/HTTP collector in the test's JVM: decodes the protobuf bodies posted to {@code /v1/traces} and
 * {@code /v1/metrics} and keeps what it decoded. {@link #stalled()} makes one that accepts requests and never answers
 * until {@link #close()}, like a collector that hangs.
 */
final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final boolean stall;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    final List<ExportTraceServiceRequest> traces = new CopyOnWriteArrayList<>();
    final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    private OtlpReceiver(boolean stall) {
        this.stall = stall;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/traces", exchange -> handle(exchange, () -> {
            traces.add(parse(exchange, ExportTraceServiceRequest::parseFrom));
            return ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        }));
        server.createContext("/v1/metrics", exchange -> handle(exchange, () -> {
            metrics.add(parse(exchange, ExportMetricsServiceRequest::parseFrom));
            return ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
        }));
        server.start();
    }

    static OtlpReceiver start() {
        return new OtlpReceiver(false);
    }

    static OtlpReceiver stalled() {
        return new OtlpReceiver(true);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int requests() {
        return requests.get();
    }

    /** Waits until at least {@code count} requests arrived; {@link AssertionError} after {@code timeout}. */
    void awaitRequests(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (requests.get() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + requests.get() + " OTLP requests arrived within " + timeout);
                }
                requests.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
    }

    List<Span> spans() {
        return traces.stream().flatMap(request -> request.getResourceSpansList().stream())
                .flatMap(resource -> resource.getScopeSpansList().stream())
                .flatMap(scope -> scope.getSpansList().stream()).toList();
    }

    List<Metric> metricsNamed(String name) {
        return metrics.stream().flatMap(request -> request.getResourceMetricsList().stream())
                .flatMap(resource -> resource.getScopeMetricsList().stream())
                .flatMap(scope -> scope.getMetricsList().stream())
                .filter(metric -> metric.getName().equals(name)).toList();
    }

    private interface Parser<T> {
        T parse(byte[] body) throws IOException;
    }

    private static <T> T parse(HttpExchange exchange, Parser<T> parser) {
        try (InputStream in = exchange.getRequestBody()) {
            return parser.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange, Supplier<byte[]> decode) throws IOException {
        try (exchange) {
            contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] response;
            try {
                response = decode.get();
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            synchronized (requests) {
                requests.incrementAndGet();
                requests.notifyAll();
            }
            if (stall) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
