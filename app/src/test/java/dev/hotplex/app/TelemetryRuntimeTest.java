package dev.hotplex.app;

import com.sun.net.httpserver.HttpServer;
import dev.hotplex.telemetry.TelemetryConfig;
import dev.hotplex.telemetry.sdk.TelemetrySdk;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Closing telemetry from two places at once (main and the SIGTERM hook): the second waits for the first's flush. */
class TelemetryRuntimeTest {
    @Test
    void aSecondCloseReturnsOnlyAfterTheFirstFinishedFlushing() throws Exception {
        CountDownLatch exporting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        collector.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exporting.countDown();
                release.await(20, TimeUnit.SECONDS);
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        collector.start();
        try {
            TelemetryConfig config = TelemetryConfig.defaults().withExporter(TelemetryConfig.Exporter.OTLP)
                    .withOtlp(URI.create("http://127.0.0.1:" + collector.getAddress().getPort()), Map.of())
                    .withExportTiming(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofSeconds(20));
            TelemetryRuntime runtime = new TelemetryRuntime(TelemetrySdk.create(config), config);
            runtime.metrics().processStartFailed();
            AtomicBoolean firstReturned = new AtomicBoolean();
            Thread first = Thread.ofPlatform().start(() -> {
                runtime.close();
                firstReturned.set(true);
            });
            assertThat(exporting.await(20, TimeUnit.SECONDS)).as("the first close is flushing").isTrue();
            Thread second = Thread.ofPlatform().start(runtime::close);
            second.join(300);
            assertThat(second.isAlive()).as("the second close waits while the first flushes").isTrue();
            release.countDown();
            second.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(second.isAlive()).isFalse();
            first.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(firstReturned).isTrue();
        } finally {
            release.countDown();
            collector.stop(0);
        }
    }
}
