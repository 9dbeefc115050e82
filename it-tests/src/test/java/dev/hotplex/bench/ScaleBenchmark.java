package dev.hotplex.bench;

import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.port.out.EngineObserver;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.core.service.RandomIdGenerator;
import dev.hotplex.core.service.SystemClock;
import dev.hotplex.e2e.FakeClaudeCli;
import dev.hotplex.e2e.RealClaude;
import dev.hotplex.provider.claude.ClaudeProvider;
import dev.hotplex.provider.claude.ClaudeProviderConfig;
import dev.hotplex.testkit.BlockingContentPolicy;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.anthropic.ClaudeBinaryLocator;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #8 point 5, scale. (1) N = 1, 10, 100, 500 hot sessions of the scriptable fake CLI, every session running
 * warm turns back to back at the same time: turns/s, turn latency p50/p99 and what N adds to it over N = 1, and what
 * the engine holds per hot session (heap after GC, platform threads). (2) The real Claude Code CLI against the fake
 * API: the memory one idle hot session costs (RSS and PSS of its whole process group), and so how many fit in 24 GiB.
 * Not a test; run with {@code bin/mvn -o -f it-tests/pom.xml -P bench verify "-Dtest.timeout=40 m"}
 * (docs/BENCHMARKS.md).
 */
class ScaleBenchmark {
    private static final int[] SIZES = Stream.of(System.getProperty("bench.scale.sizes", "1,10,100,500").split(","))
            .mapToInt(Integer::parseInt).toArray();
    private static final int TURNS_PER_SESSION = Integer.getInteger("bench.scale.turns", 10);
    private static final int REAL_SESSIONS = Integer.getInteger("bench.scale.real", 6);
    private static final long MEMORY_BUDGET = 24L << 30;

    @TempDir
    Path sandbox;

    @Test
    void hotSessionsOfTheFakeCli() throws Exception {
        Path binary = FakeClaudeCli.install(sandbox.resolve("bin"));
        List<String> rows = new ArrayList<>();
        double baseP50 = 0;
        double baseP99 = 0;
        for (int n : SIZES) {
            Row row = measure(binary, sandbox.resolve("n" + n), n);
            if (rows.isEmpty()) {
                baseP50 = row.p50Ms();
                baseP99 = row.p99Ms();
            }
            rows.add(String.format(Locale.ROOT, "| %d | %d | %.0f | %.1f | %.1f | +%.1f | +%.1f | %.0f | %.2f |",
                    n, row.turns(), row.turnsPerSecond(), row.p50Ms(), row.p99Ms(), row.p50Ms() - baseP50,
                    row.p99Ms() - baseP99, row.heapKbPerSession(), row.threadsPerSession()));
        }
        String table = """
                | hot sessions | turns | turns/s | p50 ms | p99 ms | p50 added vs N=1 | p99 added vs N=1 | engine heap KB per session | platform threads per session |
                |---|---|---|---|---|---|---|---|---|
                """ + String.join("\n", rows) + "\n";
        System.out.println("\nScale, fake CLI (" + TURNS_PER_SESSION + " warm turns per session, all at once)\n"
                + table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "scale-benchmark.md"), table);
    }

    @Test
    void memoryOfIdleHotSessionsOfTheRealCli() throws Exception {
        Path binary = ClaudeBinaryLocator.locate();
        try (FakeAnthropicApi api = FakeAnthropicApi.start();
             RealClaude claude = RealClaude.start(binary, sandbox, api, new BlockingContentPolicy())) {
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < REAL_SESSIONS; i++) {
                SessionConfig session = SessionConfig.of("mem-" + i);
                TurnResult result = claude.engine.execute(session, "ping " + i, new RecordingEventSink());
                assertThat(result.outcome()).isEqualTo(TurnOutcome.SUCCESS);
                pids.add(claude.engine.session(session.sessionId()).orElseThrow().pid().orElseThrow());
            }
            Thread.sleep(2_000); // let the CLIs settle after their turn
            List<String> rows = new ArrayList<>();
            long rssSum = 0;
            long pssSum = 0;
            for (long pgid : pids) {
                long rss = 0;
                long pss = 0;
                for (long member : ProcessGroups.liveMembers(pgid)) {
                    rss += kilobytes(Path.of("/proc", Long.toString(member), "status"), "VmRSS:");
                    pss += kilobytes(Path.of("/proc", Long.toString(member), "smaps_rollup"), "Pss:");
                }
                rssSum += rss;
                pssSum += pss;
                rows.add(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f |", pgid,
                        ProcessGroups.liveMembers(pgid).size(), rss / 1024.0, pss / 1024.0));
            }
            double meanPssMb = pssSum / 1024.0 / pids.size();
            double meanRssMb = rssSum / 1024.0 / pids.size();
            String table = "| process group | processes | RSS MB | PSS MB |\n|---|---|---|---|\n"
                    + String.join("\n", rows) + "\n"
                    + String.format(Locale.ROOT, "%nmean per idle hot session: RSS %.1f MB, PSS %.1f MB; "
                            + "24 GiB holds about %d sessions by PSS (%d by RSS), before the JVM and the OS%n",
                    meanRssMb, meanPssMb, (long) (MEMORY_BUDGET / (meanPssMb * 1024 * 1024)),
                    (long) (MEMORY_BUDGET / (meanRssMb * 1024 * 1024)));
            System.out.println("\nIdle hot sessions of the real Claude Code CLI\n" + table);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "real-cli-memory.md"), table);
        }
    }

    private static Row measure(Path binary, Path root, int sessions) throws Exception {
        ClaudeProvider provider = new ClaudeProvider(ClaudeProviderConfig.builder()
                .binary(binary.toString())
                .startupTimeout(Duration.ofSeconds(60))
                .shutdownGrace(Duration.ofSeconds(2))
                .stateDir(Files.createDirectories(root.resolve("state")))
                .build(), Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", Files.createDirectories(root.resolve("home")).toString()));
        EngineConfig config = new EngineConfig.Builder(Files.createDirectories(root.resolve("workspace")))
                .namespace("scale")
                .maxSessions(sessions)
                .turnTimeout(Duration.ofSeconds(120))
                .reaperInterval(Duration.ZERO)
                .build();
        DefaultEngine engine = new DefaultEngine(config, provider, ContentPolicy.allowAll(), EngineObserver.NONE,
                new InMemorySessionStore(), new SystemClock(), new RandomIdGenerator());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            long heapBefore = usedHeapAfterGc();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            // cold: every session gets its process
            runAll(pool, sessions, 1, engine, new ArrayList<>());
            long heapHot = usedHeapAfterGc();
            int threadsHot = ManagementFactory.getThreadMXBean().getThreadCount();

            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            runAll(pool, sessions, TURNS_PER_SESSION, engine, latencies);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Long> sorted = latencies.stream().sorted().toList();
            return new Row(sorted.size(), sorted.size() / seconds, percentile(sorted, 0.50) / 1e6,
                    percentile(sorted, 0.99) / 1e6, (heapHot - heapBefore) / 1024.0 / sessions,
                    (double) (threadsHot - threadsBefore) / sessions);
        } finally {
            engine.close();
            provider.close();
        }
    }

    private static void runAll(ExecutorService pool, int sessions, int turns, DefaultEngine engine,
                               List<Long> latencies) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            SessionConfig session = SessionConfig.of("s" + s);
            futures.add(pool.submit(() -> {
                for (int t = 0; t < turns; t++) {
                    long start = System.nanoTime();
                    TurnResult result = engine.execute(session, "turn " + t, new RecordingEventSink());
                    latencies.add(System.nanoTime() - start);
                    assertThat(result.outcome()).isEqualTo(TurnOutcome.SUCCESS);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }

    private record Row(int turns, double turnsPerSecond, double p50Ms, double p99Ms, double heapKbPerSession,
                       double threadsPerSession) {
    }

    private static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The value in kB of the line starting with {@code key} in a /proc file, 0 if the process is gone. */
    private static long kilobytes(Path file, String key) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(key))
                    .map(line -> line.substring(key.length()).trim().split("\\s+")[0])
                    .mapToLong(Long::parseLong)
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }
}
