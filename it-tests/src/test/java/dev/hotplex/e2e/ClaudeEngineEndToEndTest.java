package dev.hotplex.e2e;

import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.BlockLayer;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.testkit.BlockingContentPolicy;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import dev.hotplex.testkit.anthropic.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.hotplex.e2e.RealClaude.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine over the real Claude Code CLI (issue #3 point 6): hot sessions, history, tools, permissions, the
 * firewall, interrupts, crashes and resume, reset, stop and parallel sessions, each checked on the events and on
 * what the fake Anthropic API received. One fake and one engine serve the whole class; every test uses its own
 * session ids, and the live CLIs are stopped after each test.
 */
class ClaudeEngineEndToEndTest {
    private static final System.Logger LOG = System.getLogger(ClaudeEngineEndToEndTest.class.getName());
    private static final String WRITING_COMMAND = "touch e2e-marker.txt && echo marker-written";

    @TempDir
    static Path sandbox;
    private static FakeAnthropicApi api;
    private static RealClaude claude;
    private static Path canary;

    @BeforeAll
    static void startEngine() throws Exception {
        Path binary = RealClaude.requireBinary();
        canary = Files.createDirectories(sandbox.resolve("canary"));
        Files.writeString(canary.resolve("still-here.txt"), "the firewall kept me\n");
        api = FakeAnthropicApi.builder()
                .toolCommand(WRITING_COMMAND)
                .slow(50, Duration.ofMillis(100))
                .when("run echo", Reply.bash("echo hello-from-tool"))
                // contains "rm -rf /", which BlockingContentPolicy blocks; harmless even if it ran: it would only
                // remove the canary, which the test then finds missing
                .when("dangerous", Reply.bash("rm -rf " + canary))
                .start();
        claude = RealClaude.start(binary, sandbox, api, new BlockingContentPolicy());
    }

    @AfterEach
    void stopSessions() {
        if (claude != null) {
            claude.stopLiveSessions();
        }
    }

    @AfterAll
    static void closeEngine() {
        try {
            if (claude != null) {
                claude.close();
            }
        } finally {
            if (api != null) {
                api.close();
            }
        }
    }

    @Test
    void threeTurnsRunInOneProcessAndTheThirdRequestCarriesTheWholeHistory() {
        String tag = tag();
        SessionConfig session = SessionConfig.of("history-" + tag);
        List<AgentEvent.SessionStart> starts = new ArrayList<>();
        List<String> prompts = List.of("first-" + tag, "second-" + tag, "third-" + tag);
        for (String prompt : prompts) {
            RecordingEventSink sink = new RecordingEventSink();
            TurnResult result = claude.engine.execute(session, prompt, sink);
            assertThat(result.outcome()).as("%s: %s", prompt, result.error()).isEqualTo(TurnOutcome.SUCCESS);
            assertThat(result.answer()).isEqualTo("pong: " + prompt);
            assertThat(sink.terminalEvent()).containsInstanceOf(AgentEvent.SessionStatsEvent.class);
            starts.add(sink.awaitEvent(AgentEvent.SessionStart.class, WAIT));
        }

        assertThat(starts).extracting(AgentEvent.SessionStart::coldStart).containsExactly(true, false, false);
        assertThat(starts.getFirst().pid()).isPresent();
        assertThat(starts).extracting(AgentEvent.SessionStart::pid).containsOnly(starts.getFirst().pid());
        assertThat(claude.engine.session(session.sessionId()).orElseThrow().pid()).isEqualTo(starts.getFirst().pid());
        assertThat(bodyWith("third-" + tag)).as("the third request carries the earlier turns")
                .contains("first-" + tag, "pong: first-" + tag, "second-" + tag, "pong: second-" + tag);
    }

    @Test
    void aToolTurnPairsTheResultWithItsToolAndDuration() {
        String prompt = "run echo " + tag();
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult result = claude.engine.execute(SessionConfig.of("tool-" + tag()), prompt, sink);

        assertThat(result.outcome()).as("%s", result.error()).isEqualTo(TurnOutcome.SUCCESS);
        AgentEvent.ToolUse use = sink.awaitEvent(AgentEvent.ToolUse.class, WAIT);
        assertThat(use.call().toolName()).isEqualTo("Bash");
        assertThat(use.call().stringInput("command")).contains("echo hello-from-tool");
        AgentEvent.ToolResult toolResult = sink.awaitEvent(AgentEvent.ToolResult.class, WAIT);
        assertThat(toolResult.toolUseId()).isEqualTo(use.call().toolUseId());
        assertThat(toolResult.toolName()).isEqualTo("Bash");
        assertThat(toolResult.durationMs()).isNotNegative();
        assertThat(toolResult.isError()).isFalse();
        assertThat(toolResult.output()).contains("hello-from-tool");
        assertThat(sink.wireNames()).containsSubsequence("session_start", "tool_use", "tool_result", "session_stats");
        assertThat(sink.eventsOfType(AgentEvent.PermissionRequest.class)).as("echo is read-only: never asked").isEmpty();
        assertThat(result.answer()).endsWith("tool said: hello-from-tool");
        assertThat(bodiesWith(prompt)).as("the request after the tool carries its result")
                .anySatisfy(body -> assertThat(body).contains("\"tool_result\"", "hello-from-tool"));
    }

    @Test
    void permissionRequestsAreAnsweredThroughTheEngine() throws Exception {
        String tag = tag();
        Permitted allowed = askAndAnswer("allow-" + tag, "use tool allow-" + tag, PermissionDecision.allowed());
        Permitted denied = askAndAnswer("deny-" + tag, "use tool deny-" + tag, PermissionDecision.denied("not today " + tag));

        assertThat(allowed.request().call().toolName()).isEqualTo("Bash");
        assertThat(allowed.request().call().stringInput("command")).contains(WRITING_COMMAND);
        assertThat(allowed.result().outcome()).as("%s", allowed.result().error()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(allowed.workDir().resolve("e2e-marker.txt")).as("the allowed command ran").exists();
        assertThat(allowed.sink().eventsOfType(AgentEvent.ToolResult.class)).singleElement()
                .satisfies(toolResult -> assertThat(toolResult.output()).contains("marker-written"));

        assertThat(denied.result().outcome()).as("%s", denied.result().error()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(denied.workDir().resolve("e2e-marker.txt")).as("the denied command did not run").doesNotExist();
        assertThat(denied.sink().eventsOfType(AgentEvent.ToolResult.class)).singleElement()
                .satisfies(toolResult -> assertThat(toolResult.isError()).isTrue());
        assertThat(bodiesWith("deny-" + tag)).as("the model was told why")
                .anySatisfy(body -> assertThat(body).contains("not today " + tag));
        assertThat(bodiesWith("allow-" + tag)).anySatisfy(body -> assertThat(body).contains("marker-written"));
    }

    @Test
    void aDangerousToolCallIsBlockedByTheFirewallAndNeverRuns() {
        String prompt = "dangerous " + tag();
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult result = claude.engine.execute(SessionConfig.of("danger-" + tag()), prompt, sink);

        AgentEvent.DangerBlock block = sink.awaitEvent(AgentEvent.DangerBlock.class, WAIT);
        assertThat(block.layer()).isEqualTo(BlockLayer.TOOL_CALL);
        assertThat(block.verdict().ruleId()).isEqualTo(BlockingContentPolicy.RULE_ID);
        AgentEvent.ToolUse use = sink.awaitEvent(AgentEvent.ToolUse.class, WAIT);
        assertThat(block.toolUseId()).contains(use.call().toolUseId());
        assertThat(sink.eventsOfType(AgentEvent.PermissionRequest.class)).as("never put to the caller").isEmpty();
        assertThat(canary.resolve("still-here.txt")).as("nothing was executed").exists();
        assertThat(result.outcome()).as("%s", result.error()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(bodiesWith(prompt)).as("the model was told the firewall refused")
                .anySatisfy(body -> assertThat(body).contains("\"tool_result\"", BlockingContentPolicy.RULE_ID));
    }

    @Test
    void anInterruptMidStreamEndsTheTurnAndTheProcessStaysUsable() throws Exception {
        String tag = tag();
        SessionConfig session = SessionConfig.of("interrupt-" + tag);
        RecordingEventSink slowSink = new RecordingEventSink();
        CompletableFuture<TurnResult> slow = claude.engine.submit(session, "slow " + tag, slowSink);
        slowSink.awaitEvent(event -> event instanceof AgentEvent.Answer answer && answer.delta(), WAIT);
        long interruptAt = System.nanoTime();
        claude.engine.interrupt(session.sessionId());
        TurnResult interrupted = slow.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        long interruptMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptAt);

        assertThat(interrupted.outcome()).isEqualTo(TurnOutcome.INTERRUPTED);
        assertThat(slowSink.terminalEvent()).get().isInstanceOfSatisfying(AgentEvent.ErrorEvent.class,
                error -> assertThat(error.code()).isEqualTo(StandardErrorCode.INTERRUPTED));
        assertThat(interrupted.answer()).as("the 5 s answer was cut short").doesNotContain("tick 50");
        LOG.log(System.Logger.Level.INFO, "interrupt to INTERRUPTED: {0} ms", interruptMs);

        RecordingEventSink nextSink = new RecordingEventSink();
        TurnResult next = claude.engine.execute(session, "after-interrupt-" + tag, nextSink);
        assertThat(next.outcome()).as("%s", next.error()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(next.answer()).isEqualTo("pong: after-interrupt-" + tag);
        AgentEvent.SessionStart first = slowSink.awaitEvent(AgentEvent.SessionStart.class, WAIT);
        AgentEvent.SessionStart second = nextSink.awaitEvent(AgentEvent.SessionStart.class, WAIT);
        assertThat(second.coldStart()).isFalse();
        assertThat(second.pid()).isEqualTo(first.pid());
        assertThat(bodyWith("after-interrupt-" + tag)).contains("[Request interrupted by user]");
    }

    @Test
    void aKilledCliEndsTheTurnAndTheNextTurnResumesTheConversation() throws Exception {
        String tag = tag();
        SessionConfig session = SessionConfig.of("crash-" + tag);
        TurnResult before = claude.engine.execute(session, "remember-" + tag, new RecordingEventSink());
        assertThat(before.outcome()).as("%s", before.error()).isEqualTo(TurnOutcome.SUCCESS);
        long oldPid = claude.engine.session(session.sessionId()).orElseThrow().pid().orElseThrow();

        RecordingEventSink dyingSink = new RecordingEventSink();
        CompletableFuture<TurnResult> dying = claude.engine.submit(session, "slow dying-" + tag, dyingSink);
        dyingSink.awaitEvent(event -> event instanceof AgentEvent.Answer answer && answer.delta(), WAIT);
        assertThat(ProcessHandle.of(oldPid)).as("the CLI process").isPresent();
        ProcessHandle.of(oldPid).orElseThrow().destroyForcibly();
        TurnResult died = dying.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(died.outcome()).isEqualTo(TurnOutcome.PROCESS_DIED);
        assertThat(dyingSink.terminalEvent()).get().isInstanceOfSatisfying(AgentEvent.ErrorEvent.class,
                error -> assertThat(error.code()).isEqualTo(StandardErrorCode.PROCESS_DIED));

        RecordingEventSink resumedSink = new RecordingEventSink();
        TurnResult after = claude.engine.execute(session, "after-crash-" + tag, resumedSink);
        assertThat(after.outcome()).as("%s", after.error()).isEqualTo(TurnOutcome.SUCCESS);
        AgentEvent.SessionStart start = resumedSink.awaitEvent(AgentEvent.SessionStart.class, WAIT);
        assertThat(start.coldStart()).isTrue();
        assertThat(start.resumed()).isTrue();
        assertThat(start.pid()).isPresent();
        assertThat(start.pid().getAsLong()).isNotEqualTo(oldPid);
        assertThat(ProcessGroups.liveMembers(oldPid)).as("nothing left of the killed group").isEmpty();
        assertThat(bodyWith("after-crash-" + tag)).as("the resumed CLI sent the earlier history")
                .contains("remember-" + tag, "pong: remember-" + tag);
    }

    @Test
    void resetStartsAFreshConversation() {
        String tag = tag();
        SessionConfig session = SessionConfig.of("reset-" + tag);
        assertThat(claude.engine.execute(session, "bravo-" + tag, new RecordingEventSink()).outcome())
                .isEqualTo(TurnOutcome.SUCCESS);
        claude.engine.resetSession(session.sessionId());
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult fresh = claude.engine.execute(session, "charlie-" + tag, sink);

        assertThat(fresh.outcome()).as("%s", fresh.error()).isEqualTo(TurnOutcome.SUCCESS);
        AgentEvent.SessionStart start = sink.awaitEvent(AgentEvent.SessionStart.class, WAIT);
        assertThat(start.coldStart()).isTrue();
        assertThat(start.resumed()).isFalse();
        assertThat(bodyWith("charlie-" + tag)).as("no earlier history").doesNotContain("bravo-" + tag);
    }

    @Test
    void stopSessionLeavesNoProcessOfTheGroup() {
        String tag = tag();
        SessionConfig session = SessionConfig.of("stop-" + tag);
        assertThat(claude.engine.execute(session, "hello-" + tag, new RecordingEventSink()).outcome())
                .isEqualTo(TurnOutcome.SUCCESS);
        long pid = claude.engine.session(session.sessionId()).orElseThrow().pid().orElseThrow();
        assertThat(ProcessGroups.liveMembers(pid)).as("the CLI leads its own group").contains(pid);

        claude.engine.stopSession(session.sessionId(), "test stops it");

        assertThat(ProcessGroups.liveMembers(pid)).as("members of process group %d", pid).isEmpty();
        assertThat(claude.provider.liveProcessGroups()).doesNotContain(pid);
        assertThat(claude.engine.session(session.sessionId()).map(view -> view.pid().isPresent()).orElse(false))
                .isFalse();
    }

    @Test
    void fiveParallelSessionsStayIndependent() throws Exception {
        String tag = tag();
        List<String> prompts = new ArrayList<>();
        List<RecordingEventSink> sinks = new ArrayList<>();
        List<CompletableFuture<TurnResult>> turns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String prompt = "parallel-" + i + "-" + tag;
            RecordingEventSink sink = new RecordingEventSink();
            prompts.add(prompt);
            sinks.add(sink);
            turns.add(claude.engine.submit(SessionConfig.of("parallel-" + i + "-" + tag), prompt, sink));
        }
        Set<Long> pids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            TurnResult result = turns.get(i).get(60, TimeUnit.SECONDS);
            assertThat(result.outcome()).as("%s", result.error()).isEqualTo(TurnOutcome.SUCCESS);
            assertThat(result.answer()).isEqualTo("pong: " + prompts.get(i));
            assertThat(result.sessionId()).isEqualTo(SessionId.of("parallel-" + i + "-" + tag));
            pids.add(sinks.get(i).awaitEvent(AgentEvent.SessionStart.class, WAIT).pid().orElseThrow());
            for (int other = 0; other < 5; other++) {
                if (other != i) {
                    assertThat(bodyWith(prompts.get(i))).doesNotContain(prompts.get(other));
                }
            }
        }
        assertThat(pids).hasSize(5);
    }

    @Test
    void anApiErrorBecomesATurnFailedError() {
        String prompt = "server error " + tag();
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult result = claude.engine.execute(SessionConfig.of("api-error-" + tag()), prompt, sink);

        assertThat(result.outcome()).isEqualTo(TurnOutcome.FAILED);
        assertThat(sink.terminalEvent()).get().isInstanceOfSatisfying(AgentEvent.ErrorEvent.class,
                error -> assertThat(error.code()).isEqualTo(StandardErrorCode.TURN_FAILED));
        assertThat(bodiesWith(prompt)).as("CLAUDE_CODE_MAX_RETRIES=0: asked once").hasSize(1);
    }

    private record Permitted(AgentEvent.PermissionRequest request, TurnResult result, RecordingEventSink sink,
                             Path workDir) {
    }

    private static Permitted askAndAnswer(String sessionId, String prompt, PermissionDecision decision) throws Exception {
        SessionConfig session = SessionConfig.of(sessionId);
        RecordingEventSink sink = new RecordingEventSink();
        CompletableFuture<TurnResult> turn = claude.engine.submit(session, prompt, sink);
        AgentEvent.PermissionRequest request = sink.awaitEvent(AgentEvent.PermissionRequest.class, WAIT);
        claude.engine.respondToPermission(session.sessionId(), request.requestId(), decision);
        TurnResult result = turn.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return new Permitted(request, result, sink, sink.awaitEvent(AgentEvent.SessionStart.class, WAIT).workDir());
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> bodiesWith(String text) {
        return api.requestBodies().stream().filter(body -> body.contains(text)).toList();
    }

    /** The last request that mentions {@code text}: the one that carried it as the newest prompt. */
    private static String bodyWith(String text) {
        List<String> bodies = bodiesWith(text);
        assertThat(bodies).as("requests mentioning %s", text).isNotEmpty();
        return bodies.getLast();
    }
}
