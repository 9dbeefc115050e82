package dev.hotplex.e2e;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.provider.process.SandboxMode;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #10: what the bubblewrap sandbox costs, in one run, sandbox on against off, on the real CLI and the fake
 * API: cold turns (spawn, handshake, first result) and warm turns (a hot CLI's next result). Modes alternate turn by
 * turn so that load drifts hit both alike. Not a test (surefire's default includes do not match it, and it asserts
 * only that turns succeed); run it with
 * {@code bin/mvn -o verify -pl it-tests -Dtest=SandboxBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * The table is printed and written to {@code it-tests/target/sandbox-benchmark.md}.
 */
class SandboxBenchmark {
    private static final int COLD = Integer.getInteger("bench.cold", 8);
    private static final int WARM = Integer.getInteger("bench.warm", 30);
    private static final int WARMUP = 2;

    @Test
    void coldAndWarmTurnsWithAndWithoutTheSandbox() throws Exception {
        Path binary = RealClaude.requireBinary();
        Path base = Files.createDirectories(Path.of("target", "sandbox-bench", UUID.randomUUID().toString()))
                .toAbsolutePath();
        Map<SandboxMode, List<Long>> cold = new EnumMap<>(SandboxMode.class);
        Map<SandboxMode, List<Long>> warm = new EnumMap<>(SandboxMode.class);
        Map<SandboxMode, SandboxedClaude> engines = new EnumMap<>(SandboxMode.class);
        try (FakeAnthropicApi api = FakeAnthropicApi.start()) {
            for (SandboxMode mode : SandboxMode.values()) {
                Path dir = Files.createDirectories(base.resolve(mode.key()));
                engines.put(mode, new SandboxedClaude(binary, dir, RealClaude.environment(api, dir), mode));
                cold.put(mode, new ArrayList<>());
                warm.put(mode, new ArrayList<>());
            }
            for (int i = 0; i < WARMUP + COLD; i++) {
                for (SandboxMode mode : SandboxMode.values()) {
                    long took = turn(engines.get(mode), "cold-" + mode.key() + "-" + i, "hello");
                    if (i >= WARMUP) {
                        cold.get(mode).add(took);
                    }
                }
            }
            for (int i = 0; i < WARMUP + WARM; i++) {
                for (SandboxMode mode : SandboxMode.values()) {
                    long took = turn(engines.get(mode), "warm-" + mode.key(), "turn " + i);
                    if (i >= WARMUP) {
                        warm.get(mode).add(took);
                    }
                }
            }
        } finally {
            engines.values().forEach(SandboxedClaude::close);
            delete(base);
        }
        String table = table(cold, warm);
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "sandbox-benchmark.md"), table);
    }

    /** One turn's wall time in microseconds, from execute to its result. */
    private static long turn(SandboxedClaude claude, String session, String prompt) {
        RecordingEventSink sink = new RecordingEventSink();
        long start = System.nanoTime();
        TurnResult result = claude.engine.execute(SessionConfig.of(session).withWorkDir(session), prompt, sink);
        long took = (System.nanoTime() - start) / 1_000;
        assertThat(result.outcome()).as("%s: %s", session, result.error()).isEqualTo(TurnOutcome.SUCCESS);
        if (session.startsWith("cold-")) {
            assertThat(sink.awaitEvent(AgentEvent.SessionStart.class, RealClaude.WAIT).coldStart()).isTrue();
            claude.engine.stopSession(SessionConfig.of(session).sessionId(), "cold sample done");
        }
        return took;
    }

    private static String table(Map<SandboxMode, List<Long>> cold, Map<SandboxMode, List<Long>> warm) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| turn | sandbox | n | p50 ms | p90 ms | mean ms |%n|---|---|---|---|---|---|%n"));
        row(out, "cold", SandboxMode.BWRAP, cold.get(SandboxMode.BWRAP));
        row(out, "cold", SandboxMode.NONE, cold.get(SandboxMode.NONE));
        row(out, "warm", SandboxMode.BWRAP, warm.get(SandboxMode.BWRAP));
        row(out, "warm", SandboxMode.NONE, warm.get(SandboxMode.NONE));
        out.append(String.format(Locale.ROOT, "%nsandbox cost, p50: cold %+.1f ms, warm %+.1f ms%n",
                (percentile(cold.get(SandboxMode.BWRAP), 50) - percentile(cold.get(SandboxMode.NONE), 50)) / 1000.0,
                (percentile(warm.get(SandboxMode.BWRAP), 50) - percentile(warm.get(SandboxMode.NONE), 50)) / 1000.0));
        return out.toString();
    }

    private static void row(StringBuilder out, String turn, SandboxMode mode, List<Long> micros) {
        double mean = micros.stream().mapToLong(Long::longValue).average().orElse(0) / 1000.0;
        out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.1f |%n", turn, mode.key(), micros.size(),
                percentile(micros, 50) / 1000.0, percentile(micros, 90) / 1000.0, mean));
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static void delete(Path base) throws IOException {
        try (Stream<Path> tree = Files.walk(base)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
