package dev.hotplex.bench;

import dev.hotplex.e2e.RestartableServer;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Waits until a server with {@code engine.prewarm-spares} set has a spare ready, from what it publishes on
 * {@code /metrics} (the {@code hotplex.spares.ready} gauge). A server that publishes no such gauge gets a fixed
 * settle time instead; either way the benchmark then checks the turn's {@code prewarmed} flag.
 */
final class SpareWatch {
    private static final String READY = "hotplex_spares_ready";
    private static final Duration SETTLE = Duration.ofSeconds(Integer.getInteger("bench.http.spare-settle", 10));
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final RestartableServer server;
    private final String apiKey;

    /** {@code apiKey}: /metrics wants one whenever the server has keys. */
    SpareWatch(RestartableServer server, String apiKey) {
        this.server = server;
        this.apiKey = apiKey;
    }

    /** Returns once the server holds at least one ready spare. */
    void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong ready = sparesReady();
            if (ready.isEmpty()) {
                Thread.sleep(SETTLE);
                return;
            }
            if (ready.getAsLong() > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no spare became ready within " + WAIT + "; server output:\n" + server.output());
    }

    /** The gauge summed over its labels; empty when the server publishes no such metric. */
    private OptionalLong sparesReady() throws IOException, InterruptedException {
        HttpResponse<String> metrics = server.get("/metrics", apiKey);
        if (metrics.statusCode() != 200) {
            return OptionalLong.empty();
        }
        double sum = 0;
        boolean found = false;
        for (String line : metrics.body().lines().toList()) {
            if (line.startsWith(READY + " ") || line.startsWith(READY + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? OptionalLong.of((long) sum) : OptionalLong.empty();
    }
}
