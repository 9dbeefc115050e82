package dev.hotplex.bench;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.port.in.EventSink;
import dev.hotplex.e2e.RealClaude;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.testkit.BlockingContentPolicy;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.anthropic.ClaudeBinaryLocator;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #3 point 8: cold turns (spawn → result) against warm turns (stdin → result) on the real Claude Code CLI
 * with the fake Anthropic API, and the engine's own overhead per warm turn against a minimal harness that drives the
 * same CLI directly (ProcessBuilder, stream-json lines in, read until {@code result}). Not a test: it asserts only
 * that turns succeed, and prints its figures. The direct harness is {@link DirectCli}. Excluded from normal builds; run it with
 * {@code bin/mvn -o -f it-tests/pom.xml -P bench verify} (see docs/BENCHMARKS.md).
 */
class ClaudeTurnBenchmark {
    private static final int COLD = Integer.getInteger("bench.cold", 5);
    private static final int WARM = Integer.getInteger("bench.warm", 30);
    private static final int WARMUP = 3;

    @TempDir
    Path sandbox;

    @Test
    void coldVersusWarmTurnsAndEngineOverhead() throws Exception {
        Path binary = ClaudeBinaryLocator.locate();
        try (FakeAnthropicApi api = FakeAnthropicApi.start()) {
            RealClaude bench = RealClaude.start(binary, sandbox, api, new BlockingContentPolicy());
            List<Long> engineCold = new ArrayList<>();
            List<Long> directCold = new ArrayList<>();
            List<Long> engineWarm = new ArrayList<>();
            List<Long> directWarm = new ArrayList<>();
            List<Long> beforeStart = new ArrayList<>();
            List<Long> afterTerminal = new ArrayList<>();
            try {
                // cold, alternating engine and direct so drift hits both alike
                for (int i = 0; i < COLD; i++) {
                    SessionConfig session = SessionConfig.of("cold-" + i);
                    long start = System.nanoTime();
                    expectSuccess(bench.engine.execute(session, "cold engine " + i, new RecordingEventSink()));
                    engineCold.add(System.nanoTime() - start);
                    bench.engine.stopSession(session.sessionId(), "bench");

                    start = System.nanoTime();
                    try (DirectCli direct = DirectCli.start(binary, bench.environment, sandbox.resolve("direct-cold-" + i))) {
                        direct.turn("cold direct " + i);
                        directCold.add(System.nanoTime() - start);
                    }
                }

                // warm: one hot process each, warmed up, then turns alternating between them
                SessionConfig session = SessionConfig.of("warm");
                try (DirectCli direct = DirectCli.start(binary, bench.environment, sandbox.resolve("direct-warm"))) {
                    for (int i = 0; i < WARMUP; i++) {
                        expectSuccess(bench.engine.execute(session, "warmup engine " + i, new RecordingEventSink()));
                        direct.turn("warmup direct " + i);
                    }
                    for (int i = 0; i < WARM; i++) {
                        TimingSink sink = new TimingSink();
                        long start = System.nanoTime();
                        expectSuccess(bench.engine.execute(session, "warm engine " + i, sink));
                        long end = System.nanoTime();
                        engineWarm.add(end - start);
                        beforeStart.add(sink.sessionStartAt - start);
                        afterTerminal.add(end - sink.terminalAt);

                        start = System.nanoTime();
                        direct.turn("warm direct " + i);
                        directWarm.add(System.nanoTime() - start);
                    }
                }
            } finally {
                bench.close();
            }

            double engineWarmMedian = percentile(engineWarm, 50);
            double directWarmMedian = percentile(directWarm, 50);
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%nClaude provider: cold vs warm turns (ms), %d cold, %d warm (+%d warm-up)%n",
                    COLD, WARM, WARMUP));
            out.append("| path | n | median | p90 | min | max |\n|---|---|---|---|---|---|\n");
            row(out, "engine cold (spawn+handshake → session_stats)", engineCold);
            row(out, "direct cold (spawn → result)", directCold);
            row(out, "engine warm (execute → session_stats)", engineWarm);
            row(out, "direct warm (stdin line → result)", directWarm);
            out.append(String.format(Locale.ROOT, "cold/warm ratio (engine medians): %.1f%n",
                    percentile(engineCold, 50) / engineWarmMedian));
            out.append(String.format(Locale.ROOT, "cold/warm ratio (direct medians): %.1f%n",
                    percentile(directCold, 50) / directWarmMedian));
            out.append(String.format(Locale.ROOT, "engine overhead per warm turn (engine median - direct median): %.1f ms%n",
                    engineWarmMedian - directWarmMedian));
            List<Long> paired = new ArrayList<>();
            for (int i = 0; i < engineWarm.size(); i++) {
                paired.add(engineWarm.get(i) - directWarm.get(i));
            }
            out.append(String.format(Locale.ROOT, "engine overhead, median of paired differences (engine turn i - direct turn i): %.1f ms%n",
                    signedMedian(paired)));
            out.append(String.format(Locale.ROOT, "engine warm breakdown (medians): execute -> session_start %.2f ms, "
                    + "terminal event -> execute returns %.2f ms%n", percentile(beforeStart, 50), percentile(afterTerminal, 50)));
            System.out.print(out);
            Files.writeString(Path.of("target", "claude-turn-benchmark.md"), out.toString());
        }
    }

    private static void expectSuccess(TurnResult result) {
        assertThat(result.outcome()).as("%s", result.error()).isEqualTo(TurnOutcome.SUCCESS);
    }

    private static void row(StringBuilder out, String name, List<Long> nanos) {
        out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", name, nanos.size(),
                percentile(nanos, 50), percentile(nanos, 90), percentile(nanos, 0), percentile(nanos, 100)));
    }

    private static double signedMedian(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2) / 1e6;
    }

    /** Records when the turn's {@code session_start} and terminal event reached the sink. */
    private static final class TimingSink implements EventSink {
        volatile long sessionStartAt;
        volatile long terminalAt;

        @Override
        public void accept(AgentEvent event) {
            long now = System.nanoTime();
            if (event instanceof AgentEvent.SessionStart) {
                sessionStartAt = now;
            } else if (event.terminal()) {
                terminalAt = now;
            }
        }
    }

    /** Nearest-rank percentile in milliseconds. */
    private static double percentile(List<Long> nanos, int percent) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int rank = Math.max(1, (int) Math.ceil(percent / 100.0 * sorted.size()));
        return sorted.get(rank - 1) / 1e6;
    }
}
