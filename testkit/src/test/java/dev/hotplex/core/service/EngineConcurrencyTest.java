package dev.hotplex.core.service;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.TurnScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class EngineConcurrencyTest {
    private static final int SESSIONS = 200;
    private static final int TURNS = 5;
    private static final int FRAGMENTS = 4;

    @TempDir
    Path temp;

    @Test
    void everyEventOfEveryTurnReachesItsOwnSinkInOrder() throws Exception {
        try (EngineHarness harness = new EngineHarness(temp, config -> config.withMaxSessions(SESSIONS))) {
            // each turn streams numbered fragments of its own prompt, so a misrouted or reordered event shows
            harness.provider.defaultScript(TurnScript.of(turn -> {
                for (int i = 0; i < FRAGMENTS; i++) {
                    turn.emit(new AgentEvent.Answer(turn.prompt() + "#" + i + ";", true));
                }
            }));
            List<Future<List<String>>> sessions = new ArrayList<>();
            try (ExecutorService callers = Executors.newFixedThreadPool(32)) {
                for (int s = 0; s < SESSIONS; s++) {
                    String sessionId = "c" + s;
                    sessions.add(callers.submit(() -> runTurns(harness, sessionId)));
                }
                List<String> problems = new ArrayList<>();
                for (Future<List<String>> session : sessions) {
                    problems.addAll(session.get());
                }
                assertThat(problems).isEmpty();
            }
            assertThat(harness.provider.openCount()).isEqualTo(SESSIONS);
            assertThat(harness.provider.turnInputs()).hasSize(SESSIONS * TURNS);
            assertThat(harness.provider.connections()).allMatch(connection -> connection.overlappingTurns() == 0);
            assertThat(harness.engine.sessions()).hasSize(SESSIONS);
            assertThat(harness.engine.sessionStats(SessionId.of("c7")).orElseThrow().turns()).isEqualTo(TURNS);

            harness.engine.close();
            assertThat(harness.provider.liveConnections()).isZero();
        }
    }

    private static List<String> runTurns(EngineHarness harness, String sessionId) {
        List<String> problems = new ArrayList<>();
        for (int t = 0; t < TURNS; t++) {
            String prompt = sessionId + "/t" + t;
            RecordingEventSink sink = new RecordingEventSink();
            TurnResult result = harness.engine.execute(SessionConfig.of(sessionId), prompt, sink);
            String expectedAnswer = String.join("", IntStream.range(0, FRAGMENTS).mapToObj(i -> prompt + "#" + i + ";").toList());
            List<String> expectedNames = new ArrayList<>(List.of("session_start"));
            IntStream.range(0, FRAGMENTS).forEach(i -> expectedNames.add("answer"));
            expectedNames.add("session_stats");
            String streamed = String.join("", sink.eventsOfType(AgentEvent.Answer.class).stream().map(AgentEvent.Answer::text).toList());
            if (!result.succeeded() || !sink.wireNames().equals(expectedNames) || !streamed.equals(expectedAnswer)) {
                problems.add(prompt + ": " + result.outcome() + " " + sink.wireNames() + " " + streamed);
            }
        }
        return problems;
    }
}
