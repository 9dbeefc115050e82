package dev.hotplex.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.adapter.http.ApiKey;
import dev.hotplex.adapter.http.DisconnectPolicy;
import dev.hotplex.adapter.http.HotplexHttpServer;
import dev.hotplex.adapter.http.HttpConfig;
import dev.hotplex.adapter.http.RateLimit;
import dev.hotplex.core.model.SessionState;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.core.service.RandomIdGenerator;
import dev.hotplex.core.service.SystemClock;
import dev.hotplex.provider.claude.ClaudeProvider;
import dev.hotplex.provider.claude.ClaudeProviderConfig;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.RecordingEngineObserver.ProcessStarted;
import dev.hotplex.testkit.RecordingEngineObserver.TurnEvent;
import dev.hotplex.testkit.RecordingEngineObserver.TurnFinished;
import dev.hotplex.testkit.RecordingEngineObserver.TurnStarted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #8 point 3, at the size CI can afford: many turns over many sessions of the scriptable fake CLI, through
 * the real HTTP adapter, with random interrupts, stops, resets, crashes, stubborn grandchildren and clients that hang
 * up mid-stream, several workers at once (so busy refusals and stops of running turns happen too). Afterwards: every
 * turn ended with exactly one terminal event, no process of any session is left, no zombie child, and threads,
 * file descriptors and heap are back near their baseline.
 *
 * <p>Sizes: {@code -Dsoak.sessions=40 -Dsoak.operations=400 -Dsoak.workers=6} by default (CI); the large run in
 * docs/BENCHMARKS.md adds {@code -Dsoak.sessions=200 -Dsoak.operations=3000 -Dsoak.workers=12 "-Dtest.timeout=30 m"}.
 */
class ChurnSoakTest {
    private static final int SESSIONS = Integer.getInteger("soak.sessions", 40);
    private static final int OPERATIONS = Integer.getInteger("soak.operations", 400);
    private static final int WORKERS = Integer.getInteger("soak.workers", 6);
    private static final long SEED = Long.getLong("soak.seed", 20261207L);
    private static final String KEY = "soak-key-0123456789abcdef";
    private static final Duration TURN_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path sandbox;

    @Test
    void thousandsOfTurnsWithFaultsLeaveNothingBehind() throws Exception {
        Path binary = FakeClaudeCli.install(sandbox.resolve("bin"));
        // a short warm-up run first, so that lazily created JVM threads (carriers, Jetty's scheduler, JIT) and
        // class metadata count in the baseline rather than as leaks
        new Soak(binary, sandbox.resolve("warmup"), 4, 12, 2, SEED + 1).run().close();
        Baseline before = Baseline.take();

        Soak soak = new Soak(binary, sandbox.resolve("soak"), SESSIONS, OPERATIONS, WORKERS, SEED);
        Soak.Report report = soak.run();
        report.close();

        System.out.printf("soak: %d sessions, %d operations, %d workers: %s in %d ms%n", SESSIONS, OPERATIONS,
                WORKERS, report.counts(), report.elapsedMillis());
        assertThat(report.streamsWithoutExactlyOneTerminal()).as("SSE streams whose terminal event was not "
                + "exactly one, at the end").isEmpty();
        assertThat(report.turnsStarted()).isGreaterThan(OPERATIONS / 2);
        assertThat(report.turnsFinished()).isEqualTo(report.turnsStarted());
        assertThat(report.turnsWithoutExactlyOneTerminal()).as("turns whose events held not exactly one terminal")
                .isEmpty();
        assertThat(report.busySessionsAtTheEnd()).isZero();
        assertThat(report.leftoverProcessGroups()).as("process groups with live members after close").isEmpty();
        assertThat(ProcessGroups.zombieChildrenOf(ProcessHandle.current().pid())).as("zombie children of this JVM")
                .isEmpty();
        report.forgetObservations();

        Baseline after = Baseline.settle(before);
        System.out.println("soak: after " + after + ", baseline " + before);
        assertThat(after.threads()).as("platform threads (baseline %d)", before.threads())
                .isLessThanOrEqualTo(before.threads() + 4);
        assertThat(after.virtualThreads()).as("virtual threads (baseline %d)", before.virtualThreads())
                .isLessThanOrEqualTo(before.virtualThreads() + 2);
        assertThat(after.fileDescriptors()).as("file descriptors (baseline %d)", before.fileDescriptors())
                .isLessThanOrEqualTo(before.fileDescriptors() + 8);
        assertThat(after.heapBytes()).as("used heap after GC (baseline %d MB)", before.heapBytes() >> 20)
                .isLessThanOrEqualTo(before.heapBytes() + (64L << 20));
    }

    /** One engine + HTTP server over the fake CLI, driven by {@code workers} random clients. */
    private static final class Soak {
        private final Path binary;
        private final Path root;
        private final int sessions;
        private final int operations;
        private final int workers;
        private final long seed;

        Soak(Path binary, Path root, int sessions, int operations, int workers, long seed) {
            this.binary = binary;
            this.root = root;
            this.sessions = sessions;
            this.operations = operations;
            this.workers = workers;
            this.seed = seed;
        }

        Report run() throws Exception {
            RecordingEngineObserver observer = new RecordingEngineObserver();
            ClaudeProvider provider = new ClaudeProvider(ClaudeProviderConfig.builder()
                    .binary(binary.toString())
                    .startupTimeout(Duration.ofSeconds(20))
                    .shutdownGrace(Duration.ofMillis(600))
                    .stateDir(Files.createDirectories(root.resolve("state")))
                    .build(), Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                    "HOME", Files.createDirectories(root.resolve("home")).toString()));
            EngineConfig config = new EngineConfig.Builder(Files.createDirectories(root.resolve("workspace")))
                    .namespace("soak")
                    .maxSessions(sessions)
                    .turnTimeout(TURN_TIMEOUT)
                    .interruptGrace(Duration.ofSeconds(2))
                    .stopGrace(Duration.ofMillis(600))
                    .reaperInterval(Duration.ZERO)
                    .build();
            DefaultEngine engine = new DefaultEngine(config, provider, ContentPolicy.allowAll(), observer,
                    new InMemorySessionStore(), new SystemClock(), new RandomIdGenerator());
            HotplexHttpServer server = new HotplexHttpServer(engine, HttpConfig.defaults().withPort(0)
                    .withApiKeys(List.of(ApiKey.ofPlainKey("soak", KEY)))
                    .withRateLimit(RateLimit.unlimited())
                    .withStreaming(Duration.ofSeconds(1), DisconnectPolicy.INTERRUPT, 4096)
                    .withShutdownDeadline(Duration.ofSeconds(5))
                    .withWorkspaceRoot(root.resolve("workspace"))).start();
            Client client = new Client(server.port());
            ConcurrentMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
            List<String> badStreams = new ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    Random random = new Random(seed + w);
                    futures.add(pool.submit(() -> {
                        while (next.getAndIncrement() < operations) {
                            String session = "s" + random.nextInt(sessions);
                            String outcome = operate(client, pool, random, session);
                            counts.computeIfAbsent(outcome, ignored -> new AtomicInteger()).incrementAndGet();
                            if (outcome.startsWith("bad-stream")) {
                                synchronized (badStreams) {
                                    badStreams.add(session + ": " + outcome);
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    future.get(10, TimeUnit.MINUTES);
                }
            }
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // a client that hung up leaves its turn to be interrupted in the background: give those turns the
            // interrupt grace to end before counting sessions still busy
            int busy = busySessions(engine);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (busy > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                busy = busySessions(engine);
            }
            return new Report(observer, engine, provider, server, client, counts, List.copyOf(badStreams), busy,
                    elapsed);
        }

        private static int busySessions(DefaultEngine engine) {
            return (int) engine.sessions().stream().filter(view -> view.state() == SessionState.BUSY).count();
        }

        /** One random operation on {@code session}; returns what happened, for the tally. */
        private static String operate(Client client, ExecutorService pool, Random random, String session) {
            int dice = random.nextInt(100);
            if (dice < 50) {
                return client.turn(session, "hello " + dice, StreamEnd.READ_ALL);
            } else if (dice < 62) {
                long delay = 20 + random.nextInt(300);
                pool.submit(() -> {
                    Thread.sleep(delay);
                    return client.post(session, "/interrupt");
                });
                return "interrupt:" + client.turn(session, "slow", StreamEnd.READ_ALL);
            } else if (dice < 72) {
                return client.turn(session, "slow", StreamEnd.HANG_UP_AFTER_TWO_FRAMES);
            } else if (dice < 79) {
                return "stop:" + client.delete(session);
            } else if (dice < 84) {
                return "reset:" + client.post(session, "/reset");
            } else if (dice < 90) {
                return client.turn(session, "crash", StreamEnd.READ_ALL);
            } else if (dice < 95) {
                return client.turn(session, "grandchild", StreamEnd.READ_ALL);
            } else if (dice < 97) {
                return client.turn(session, "hang", StreamEnd.READ_ALL);
            } else {
                long delay = 20 + random.nextInt(200);
                pool.submit(() -> {
                    Thread.sleep(delay);
                    return client.delete(session);
                });
                return "stop-running:" + client.turn(session, "slow", StreamEnd.READ_ALL);
            }
        }

        /** What a run left to check; holds the engine until {@link #close()}. */
        static final class Report {
            private RecordingEngineObserver observer;
            private final DefaultEngine engine;
            private final ClaudeProvider provider;
            private final HotplexHttpServer server;
            private final Client client;
            private final Map<String, AtomicInteger> counts;
            private final List<String> badStreams;
            private final int busy;
            private final long elapsed;

            Report(RecordingEngineObserver observer, DefaultEngine engine, ClaudeProvider provider,
                   HotplexHttpServer server, Client client, Map<String, AtomicInteger> counts,
                   List<String> badStreams, int busy, long elapsed) {
                this.observer = observer;
                this.engine = engine;
                this.provider = provider;
                this.server = server;
                this.client = client;
                this.counts = counts;
                this.badStreams = badStreams;
                this.busy = busy;
                this.elapsed = elapsed;
            }

            List<String> streamsWithoutExactlyOneTerminal() {
                return badStreams;
            }

            int busySessionsAtTheEnd() {
                return busy;
            }

            long elapsedMillis() {
                return elapsed;
            }

            /** Stops the server, then the engine (every session), then the provider. */
            Report close() {
                server.stop(Duration.ofSeconds(5));
                engine.close();
                provider.close();
                client.close();
                return this;
            }

            int turnsStarted() {
                return observer.count(TurnStarted.class);
            }

            int turnsFinished() {
                return observer.count(TurnFinished.class);
            }

            List<String> turnsWithoutExactlyOneTerminal() {
                Map<String, Long> terminals = observer.observationsOf(TurnEvent.class).stream()
                        .filter(event -> event.event().terminal())
                        .collect(Collectors.groupingBy(TurnEvent::turnId, Collectors.counting()));
                return observer.observationsOf(TurnStarted.class).stream()
                        .map(TurnStarted::turnId)
                        .filter(turnId -> terminals.getOrDefault(turnId, 0L) != 1L)
                        .toList();
            }

            List<Long> leftoverProcessGroups() {
                return observer.observationsOf(ProcessStarted.class).stream()
                        .map(ProcessStarted::pid)
                        .filter(pid -> pid.isPresent())
                        .map(pid -> pid.getAsLong())
                        .filter(pgid -> !ProcessGroups.liveMembers(pgid).isEmpty())
                        .toList();
            }

            String counts() {
                return new java.util.TreeMap<>(counts).toString();
            }

            /** Drops the recorded events, so that the heap measured afterwards is the engine's, not the test's. */
            void forgetObservations() {
                observer = new RecordingEngineObserver();
            }
        }
    }

    private enum StreamEnd { READ_ALL, HANG_UP_AFTER_TWO_FRAMES }

    /** A minimal HTTP client for the API; every answer is reduced to a short outcome word. */
    private static final class Client implements AutoCloseable {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final int port;

        Client(int port) {
            this.port = port;
        }

        String turn(String session, String prompt, StreamEnd end) {
            HttpRequest request = request(session, "/turns").header("Accept", "text/event-stream")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"" + prompt + "\"}")).build();
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    try (InputStream body = response.body()) {
                        JsonNode error = JSON.readTree(body);
                        return "refused-" + error.path("error").path("code").asText();
                    }
                }
                List<String> events = new ArrayList<>();
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (line.startsWith("event: ")) {
                            events.add(line.substring("event: ".length()));
                            if (end == StreamEnd.HANG_UP_AFTER_TWO_FRAMES && events.size() == 2) {
                                return "hung-up";
                            }
                        }
                    }
                }
                long terminals = events.stream().filter(Client::terminal).count();
                if (terminals != 1 || !terminal(events.getLast())) {
                    return "bad-stream " + events;
                }
                return events.getLast();
            } catch (IOException e) {
                return "io-" + e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String post(String session, String path) {
            return status(request(session, path).POST(HttpRequest.BodyPublishers.noBody()).build());
        }

        String delete(String session) {
            return status(request(session, "").DELETE().build());
        }

        private String status(HttpRequest request) {
            try {
                return String.valueOf(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (IOException e) {
                return "io-" + e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private HttpRequest.Builder request(String session, String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/sessions/" + session + path))
                    .header("Authorization", "Bearer " + KEY)
                    .timeout(Duration.ofSeconds(60));
        }

        private static boolean terminal(String event) {
            return event.equals("session_stats") || event.equals("error");
        }

        @Override
        public void close() {
            http.close();
        }
    }

    /**
     * What the JVM holds: platform threads, live virtual threads, open file descriptors, used heap after a full GC.
     * Platform threads of the JDK's own keep-alive pools are not counted: the process reaper (a cached pool) and the
     * virtual-thread scheduler's carriers grow while many processes and blocking calls run, and shrink by themselves
     * after their keep-alive of 30 to 60 s. A thread of ours that leaks, platform or virtual, is counted.
     */
    private record Baseline(int threads, int virtualThreads, long fileDescriptors, long heapBytes) {
        private static final java.util.regex.Pattern JDK_KEEP_ALIVE_POOLS = java.util.regex.Pattern.compile(
                "process reaper|ForkJoinPool-\\d+-worker-\\d+|ForkJoinPool\\.commonPool-worker-\\d+");

        static Baseline take() {
            int platform = (int) Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !JDK_KEEP_ALIVE_POOLS.matcher(thread.getName()).matches())
                    .count();
            return new Baseline(platform, liveVirtualThreads(), openFileDescriptors(), usedHeapAfterGc());
        }

        /** Gives lingering pools (HTTP client selectors, ending streams) time to wind down, up to 15 s. */
        static Baseline settle(Baseline before) throws InterruptedException {
            Baseline now = take();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline && (now.threads() > before.threads() + 4
                    || now.virtualThreads() > before.virtualThreads() + 2
                    || now.fileDescriptors() > before.fileDescriptors() + 8)) {
                Thread.sleep(250);
                now = take();
            }
            return now;
        }

        /** Virtual threads are invisible to ThreadMXBean; the JDK's JSON thread dump lists them. */
        private static int liveVirtualThreads() {
            try {
                Path dump = Files.createTempFile("soak-threads", ".json");
                Files.delete(dump);
                try {
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                            .dumpThreads(dump.toString(),
                                    com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                    return (int) java.util.regex.Pattern.compile("\"virtual\":\\s*true")
                            .matcher(Files.readString(dump)).results().count();
                } finally {
                    Files.deleteIfExists(dump);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static long openFileDescriptors() {
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                return fds.count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static long usedHeapAfterGc() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
    }
}
