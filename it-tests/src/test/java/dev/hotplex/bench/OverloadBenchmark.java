package dev.hotplex.bench;

import dev.hotplex.e2e.FakeClaudeCli;
import dev.hotplex.e2e.RestartableServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #8 points 5 and 6 at large scale: backpressure of the real {@code hotplex serve} (child JVM, heap capped at
 * 256 MiB by the harness) over the scriptable fake CLI, through real HTTP. First {@code capacity} clients run turns
 * on their own sessions for a while, one every think time (capacity full, no overload); then, on fresh sessions, far
 * more clients than capacity do the same at once, a refused one retrying shortly after its 503. Reported: the admitted turns' rate
 * and latency in both phases, how many turns were refused with 503 CAPACITY and how fast the refusals came back, and
 * the server's heap after GC, threads and RSS before, during and after. Not a test: it asserts only that every
 * answer is a finished turn or a CAPACITY refusal and that no more than capacity sessions hold a process. Run with
 * {@code bin/mvn -o -f it-tests/pom.xml -P bench verify -Dbench.test=OverloadBenchmark} (docs/BENCHMARKS.md).
 */
class OverloadBenchmark {
    private static final int CAPACITY = Integer.getInteger("bench.overload.capacity", 50);
    private static final int CLIENTS = Integer.getInteger("bench.overload.clients", 500);
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("bench.overload.seconds", 30));
    private static final Duration RETRY = Duration.ofMillis(Integer.getInteger("bench.overload.retry-ms", 100));
    /**
     * Between an admitted client's turns: two cores run only about 35 turns/s of the bash fake, so clients turning
     * back to back would saturate the CPU by themselves and every request, refusals included, would wait for it.
     */
    private static final Duration THINK = Duration.ofMillis(Integer.getInteger("bench.overload.think-ms", 2000));
    /** Clients are spread over tenants (one API key each), as a team's would be: a tenant may stream 32 turns at once. */
    private static final int TENANTS = Integer.getInteger("bench.overload.tenants", 25);
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final int LONE_REFUSALS = 200;

    @TempDir
    Path sandbox;


    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // sizes are chosen on the command line; a hung run still ends
    void farMoreClientsThanCapacityAreRefusedAtOnceWhileTheAdmittedKeepTurning() throws Exception {
        Path binary = FakeClaudeCli.install(sandbox.resolve("bin"));
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        Map<String, String> extra = new HashMap<>();
        extra.put("HOTPLEX_HTTP_API_KEYS", String.join(",", IntStream.range(0, TENANTS)
                .mapToObj(tenant -> key(tenant) + "=tenant-" + tenant).toList()));
        extra.put("HOTPLEX_ENGINE_MAX_SESSIONS", Integer.toString(CAPACITY));
        extra.put("HOTPLEX_HTTP_RATE_LIMIT_PER_SECOND", "0"); // the bulkhead under test, not the rate limiter
        String sandboxMode = System.getProperty("bench.overload.sandbox", "");
        if (!sandboxMode.isEmpty()) {
            extra.put("HOTPLEX_SANDBOX_MODE", sandboxMode);
        }
        try (RestartableServer server = RestartableServer.start(
                RestartableServer.environment(sandbox.resolve("serve"), binary, extra), sandbox.resolve("logs"))) {
            JvmProbe probe = new JvmProbe(server.pid());
            // untimed: the server's JIT warms up
            stopAll(server, run(server, probe, "warmup", Math.min(CAPACITY, 10), Duration.ofSeconds(5)).sessions());

            Footprint idle = Footprint.take(probe);
            Phase baseline = run(server, probe, "base", CAPACITY, PHASE);
            Footprint afterBaseline = Footprint.take(probe);
            stopAll(server, baseline.sessions());

            Phase overload = run(server, probe, "flood", CLIENTS, PHASE);
            Footprint afterOverload = Footprint.take(probe);
            long withProcess = sessionsWithAProcess(server);
            Lone loneRefusals = refuseOneByOne(server);
            stopAll(server, overload.sessions());

            String report = report(load, baseline, overload, idle, afterBaseline, afterOverload, loneRefusals);
            System.out.print(report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "overload-benchmark.md"), report);

            for (Phase phase : List.of(baseline, overload)) {
                assertThat(phase.unexpected()).as("answers neither a finished turn nor a CAPACITY refusal").isEmpty();
                assertThat(phase.warm().size()).as("warm turns admitted").isPositive();
            }
            assertThat(baseline.refused().size()).as("refusals at exactly capacity").isZero();
            assertThat(overload.refused().size()).as("refusals under overload").isPositive();
            assertThat(overload.cold().size()).as("sessions admitted under overload").isLessThanOrEqualTo(CAPACITY);
            assertThat(withProcess).as("sessions holding a process after the overload").isLessThanOrEqualTo(CAPACITY);
            assertThat(loneRefusals.refusals().size()).as("lone requests refused with CAPACITY")
                    .isEqualTo(LONE_REFUSALS);
        }
    }

    /**
     * {@code clients} clients, each on its own session, run turns back to back until {@code length} is over; a
     * refused client waits {@link #RETRY} and tries again.
     */
    private Phase run(RestartableServer server, JvmProbe probe, String prefix, int clients, Duration length)
            throws Exception {
        Phase phase = new Phase(prefix, clients);
        CountDownLatch go = new CountDownLatch(1);
        // a client per phase, closed at its end: the footprint after a phase holds no idle connection of ours
        ExecutorService httpThreads = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).executor(httpThreads).build();
        AtomicLong peakThreads = new AtomicLong(probe.threads());
        AtomicLong peakRss = new AtomicLong(probe.rssKb());
        try (ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor()) {
            sampler.scheduleAtFixedRate(() -> {
                peakThreads.accumulateAndGet(probe.threads(), Math::max);
                peakRss.accumulateAndGet(probe.rssKb(), Math::max);
            }, 0, 250, TimeUnit.MILLISECONDS);
            long started;
            try (ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> futures = new ArrayList<>();
                AtomicLong deadline = new AtomicLong();
                for (int c = 0; c < clients; c++) {
                    String session = prefix + "-" + c;
                    String key = key(c % TENANTS);
                    futures.add(clientThreads.submit(() -> {
                        go.await();
                        while (System.nanoTime() < deadline.get()) {
                            turn(http, server, session, key, phase);
                        }
                        return null;
                    }));
                }
                started = System.nanoTime();
                deadline.set(started + length.toNanos());
                go.countDown();
                for (Future<?> future : futures) {
                    future.get(length.plus(WAIT).toSeconds(), TimeUnit.SECONDS);
                }
            }
            phase.finish(System.nanoTime() - started, peakThreads, peakRss);
            sampler.shutdownNow();
        } finally {
            http.close();
            httpThreads.close();
        }
        return phase;
    }

    private static void turn(HttpClient http, RestartableServer server, String session, String key, Phase phase)
            throws Exception {
        turn(http, server, session, key, phase, RETRY);
    }

    private static void turn(HttpClient http, RestartableServer server, String session, String key, Phase phase,
                             Duration retry) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/sessions/" + session + "/turns"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"work\"}"))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        String body = response.body();
        if (response.statusCode() == 200 && lastEventName(body).equals("session_stats")) {
            phase.sessions().put(session, key);
            (body.contains("\"coldStart\":true") ? phase.cold() : phase.warm()).add(elapsed);
            Thread.sleep(THINK);
        } else if (response.statusCode() == 503 && body.contains("CAPACITY")
                && response.headers().firstValue("Retry-After").isPresent()) {
            phase.refused().add(elapsed);
            Thread.sleep(retry);
        } else {
            phase.unexpected().add(response.statusCode() + ": " + body.substring(0, Math.min(300, body.length())));
            Thread.sleep(retry);
        }
    }

    /**
     * With capacity still full (the admitted sessions hold their processes, idle) and nothing else sent by us: new
     * sessions' turns one at a time, each of which must be refused. What a refusal costs on its own, without the
     * flood's competition for the CPU. Each is paired with a {@code GET /healthz}, the bare HTTP round trip on this
     * machine at this moment.
     */
    private static Lone refuseOneByOne(RestartableServer server) throws Exception {
        Samples health = new Samples();
        try (ExecutorService httpThreads = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads)
                     .build()) {
            Phase lone = new Phase("lone", 1);
            for (int i = 0; i < LONE_REFUSALS; i++) {
                turn(http, server, "lone-" + i, key(i % TENANTS), lone, Duration.ZERO);
                HttpRequest healthz = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/healthz")).timeout(WAIT)
                        .build();
                long start = System.nanoTime();
                assertThat(http.send(healthz, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                health.add(System.nanoTime() - start);
            }
            assertThat(lone.unexpected()).as("answers to lone requests").isEmpty();
            assertThat(lone.sessions()).as("lone requests admitted while capacity was full").isEmpty();
            return new Lone(lone.refused(), health);
        }
    }

    /** Lone refusals, and the health checks sent between them. */
    private record Lone(Samples refusals, Samples health) {
    }

    private static String lastEventName(String sse) {
        List<String> names = sse.lines().filter(line -> line.startsWith("event: "))
                .map(line -> line.substring("event: ".length())).toList();
        return names.isEmpty() ? "" : names.getLast();
    }

    private static long sessionsWithAProcess(RestartableServer server) throws Exception {
        List<Boolean> live = new ArrayList<>();
        for (int tenant = 0; tenant < TENANTS; tenant++) {
            server.getJson("/v1/sessions", key(tenant)).get("sessions")
                    .forEach(view -> live.add(!view.path("pid").isNull()));
        }
        return live.stream().filter(Boolean::booleanValue).count();
    }

    private static String key(int tenant) {
        return String.format(Locale.ROOT, "overload-bench-key-%03d-0123456789", tenant);
    }

    private static void stopAll(RestartableServer server, Map<String, String> sessions)
            throws IOException, InterruptedException {
        for (Map.Entry<String, String> session : sessions.entrySet()) {
            int status = server.send("DELETE", "/v1/sessions/" + session.getKey(), session.getValue()).statusCode();
            assertThat(status).as("stop %s", session).isBetween(200, 299);
        }
    }

    private static String report(String load, Phase baseline, Phase overload, Footprint idle, Footprint afterBaseline,
                                 Footprint afterOverload, Lone lone) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nOverload over HTTP (hotplex serve -Xmx256m, fake CLI): capacity %d, "
                        + "%d tenants, %d s per phase, admitted clients think %d ms between turns, refused clients retry after "
                        + "%d ms; load average at the start: %s%n%n",
                CAPACITY, TENANTS, PHASE.toSeconds(), THINK.toMillis(), RETRY.toMillis(), load));
        out.append("| phase | clients | warm turns admitted | turns/s | turn p50 ms | turn p99 ms | cold first turns "
                + "| refused 503 CAPACITY | refusals/s | refusal p50 ms | refusal p99 ms | refusal max ms |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        out.append(baseline.row("no overload")).append('\n');
        out.append(overload.row("overload")).append('\n');
        out.append("\n| server (child JVM) | heap after GC MB | threads | RSS MB |\n|---|---|---|---|\n");
        out.append(idle.row("idle, before")).append('\n');
        out.append(afterBaseline.row("after the no-overload phase (" + CAPACITY + " hot sessions)")).append('\n');
        out.append(String.format(Locale.ROOT, "| peak during the no-overload phase | | %d | %.1f |%n",
                baseline.peakThreads(), baseline.peakRssKb() / 1024.0));
        out.append(String.format(Locale.ROOT, "| peak during the overload phase | | %d | %.1f |%n",
                overload.peakThreads(), overload.peakRssKb() / 1024.0));
        out.append(afterOverload.row("after the overload phase (" + CAPACITY + " hot sessions)")).append('\n');
        out.append(String.format(Locale.ROOT, "%nA refusal on its own (capacity full, %d requests one at a time, no "
                        + "flood): p50 %.1f ms, p99 %.1f ms, max %.1f ms; GET /healthz between them: p50 %.1f ms, "
                        + "p99 %.1f ms%n", lone.refusals().size(), lone.refusals().median(),
                lone.refusals().percentile(99), lone.refusals().percentile(100), lone.health().median(),
                lone.health().percentile(99)));
        return out.toString();
    }

    /** What one phase measured. */
    private static final class Phase {
        private final String name;
        private final int clients;
        private final Samples warm = new Samples();
        private final Samples cold = new Samples();
        private final Samples refused = new Samples();
        private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        /** admitted session → its API key */
        private final Map<String, String> sessions = new ConcurrentHashMap<>();
        private long elapsedNanos;
        private long peakThreads;
        private long peakRssKb;

        Phase(String name, int clients) {
            this.name = name;
            this.clients = clients;
        }

        void finish(long elapsed, AtomicLong threads, AtomicLong rss) {
            this.elapsedNanos = elapsed;
            this.peakThreads = threads.get();
            this.peakRssKb = rss.get();
        }

        Samples warm() {
            return warm;
        }

        Samples cold() {
            return cold;
        }

        Samples refused() {
            return refused;
        }

        List<String> unexpected() {
            return unexpected;
        }

        Map<String, String> sessions() {
            return sessions;
        }

        long peakThreads() {
            return peakThreads;
        }

        long peakRssKb() {
            return peakRssKb;
        }

        String row(String label) {
            double seconds = elapsedNanos / 1e9;
            String refusals = refused.size() == 0 ? "– | – | –" : String.format(Locale.ROOT, "%.1f | %.1f | %.1f",
                    refused.median(), refused.percentile(99), refused.percentile(100));
            return String.format(Locale.ROOT, "| %s (%s) | %d | %d | %.1f | %.1f | %.1f | %d | %d | %.0f | %s |",
                    label, name, clients, warm.size(), warm.size() / seconds, warm.median(), warm.percentile(99),
                    cold.size(), refused.size(), refused.size() / seconds, refusals);
        }
    }

    /** The server's heap after a full GC, native threads and resident memory at one moment. */
    private record Footprint(long heapKb, long threads, long rssKb) {
        static Footprint take(JvmProbe probe) {
            long heap = probe.heapKbAfterGc();
            return new Footprint(heap, probe.threads(), probe.rssKb());
        }

        String row(String label) {
            return String.format(Locale.ROOT, "| %s | %.1f | %d | %.1f |", label, heapKb / 1024.0, threads,
                    rssKb / 1024.0);
        }
    }
}
