package dev.hotplex.adapter.http;

import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /metrics} and the telemetry hooks, over a real server with hand-written hooks. */
class MetricsRouteTest {
    @TempDir
    Path workspace;

    /** Records what the adapter reports. */
    private static final class RecordingHttpObserver implements HttpObserver {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final List<RateLimiterRegistry> registries = new CopyOnWriteArrayList<>();

        @Override
        public void sseClientOpened() {
            opened.incrementAndGet();
        }

        @Override
        public void sseClientClosed() {
            synchronized (closed) {
                closed.incrementAndGet();
                closed.notifyAll();
            }
        }

        /** The stream counts as closed just after its last byte went out: wait for that, bounded. */
        void awaitClosed(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TestServer.WAIT.toNanos();
            synchronized (closed) {
                while (closed.get() < count && System.nanoTime() < deadline) {
                    closed.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
            }
        }

        @Override
        public void rateLimiters(RateLimiterRegistry registry) {
            registries.add(registry);
        }
    }

    private static final class CountingScrape implements MetricsScrape {
        final AtomicInteger scrapes = new AtomicInteger();

        @Override
        public String contentType() {
            return "text/plain; version=0.0.4; charset=utf-8";
        }

        @Override
        public String scrape() {
            return "# TYPE scrapes counter\nscrapes_total " + scrapes.incrementAndGet() + "\n";
        }
    }

    @Test
    void metricsAreServedFromTheBoundScrapeToAnyTenantsKeyAndToNobodyElse() {
        try (TestServer t = new TestServer(workspace)) {
            CountingScrape scrape = new CountingScrape();
            HotplexHttpServer server = new HotplexHttpServer(t.engine, t.config, HttpObserver.NONE,
                    Optional.of(scrape)).start();
            try {
                Api.Reply refused = new Api(server.port(), null).get("/metrics");
                Api.Reply wrongKey = new Api(server.port(), "not-a-key-of-anyone-0123456").get("/metrics");
                Api.Reply first = new Api(server.port(), TestServer.KEY_A).get("/metrics");
                Api.Reply second = new Api(server.port(), TestServer.KEY_B).get("/metrics");
                assertThat(refused.status()).isEqualTo(401);
                assertThat(wrongKey.status()).isEqualTo(401);
                assertThat(refused.body()).doesNotContain("scrapes_total");
                assertThat(first.status()).isEqualTo(200);
                assertThat(first.response().headers().firstValue("Content-Type"))
                        .hasValue("text/plain; version=0.0.4; charset=utf-8");
                assertThat(first.body()).isEqualTo("# TYPE scrapes counter\nscrapes_total 1\n");
                assertThat(second.body()).endsWith("scrapes_total 2\n");
            } finally {
                server.stop(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void withoutAScrapeMetricsAnswer404InTheErrorShape() {
        try (TestServer t = new TestServer(workspace)) {
            Api.Reply reply = t.a.get("/metrics");
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().path("error").path("message").asText()).contains("telemetry.prometheus");
        }
    }

    @Test
    void sseStreamsAndTheRateLimitersAreReported() throws InterruptedException {
        try (TestServer t = new TestServer(workspace)) {
            RecordingHttpObserver observer = new RecordingHttpObserver();
            HotplexHttpServer server = new HotplexHttpServer(t.engine, t.config, observer, Optional.empty()).start();
            try {
                assertThat(observer.registries).hasSize(1);
                Api a = new Api(server.port(), TestServer.KEY_A);
                a.turn("observed-1", "hello");
                a.turn("observed-1", "again");
                observer.awaitClosed(2);
                assertThat(observer.opened).hasValue(2);
                assertThat(observer.closed).hasValue(2);
                assertThat(a.turnJson("observed-2", "as json").status()).isEqualTo(200);
                assertThat(observer.opened).as("JSON turns are not SSE clients").hasValue(2);
            } finally {
                server.stop(Duration.ofSeconds(2));
            }
        }
    }
}
