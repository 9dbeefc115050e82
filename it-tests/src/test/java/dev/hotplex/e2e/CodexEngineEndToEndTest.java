package dev.hotplex.e2e;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.testkit.BlockingContentPolicy;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.openai.FakeOpenAiApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.hotplex.e2e.CodexAndClaudeEngine.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine end to end over the real Codex CLI 0.169.0 ({@code codex app-server}) against the fake Responses
 * API, next to the real Claude Code CLI in the same engine: hot multi-turn, a command, approvals through the
 * engine's decision path (firewall, caller, timeout), interrupt, kill -9 then resume, stop with no survivors.
 */
class CodexEngineEndToEndTest {
    private static final String BLOCKED = "touch blocked-by-firewall.txt";

    @TempDir
    static Path sandbox;

    private static CodexAndClaudeEngine lab;

    @BeforeAll
    static void start() {
        FakeOpenAiApi.Builder api = FakeOpenAiApi.builder()
                .slow(100, Duration.ofMillis(100))
                .whenCommand("make allowed", "touch allowed.txt")
                .whenCommand("make denied", "touch denied.txt")
                .whenCommand("make unanswered", "touch unanswered.txt")
                .whenCommand("make blocked", BLOCKED)
                .whenCommand("sleep long", "sleep 300");
        ContentPolicy policy = new BlockingContentPolicy(BLOCKED);
        lab = CodexAndClaudeEngine.start(sandbox, api, policy, Duration.ofSeconds(3));
        // Codex asks even for echo under `untrusted`; the engine's tool rules answer that one without the caller
        lab.engine.setAllowedTools(List.of("Bash(" + FakeOpenAiApi.DEFAULT_TOOL_COMMAND + ")"));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static SessionConfig codexSession(String name) {
        return SessionConfig.of(name + "-" + UUID.randomUUID().toString().substring(0, 8)).withProvider("codex");
    }

    @Test
    void two_turns_stream_deltas_on_one_hot_codex_process() {
        SessionConfig session = codexSession("multi");
        RecordingEventSink first = new RecordingEventSink();
        TurnResult one = lab.engine.execute(session, "first question", first);
        RecordingEventSink second = new RecordingEventSink();
        TurnResult two = lab.engine.execute(session, "second question", second);

        assertThat(one.outcome()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(one.answer()).isEqualTo("pong: first question");
        assertThat(two.answer()).isEqualTo("pong: second question");
        assertThat(first.eventsOfType(AgentEvent.Answer.class)).anyMatch(AgentEvent.Answer::delta);
        AgentEvent.SessionStart cold = first.eventsOfType(AgentEvent.SessionStart.class).getFirst();
        AgentEvent.SessionStart warm = second.eventsOfType(AgentEvent.SessionStart.class).getFirst();
        assertThat(cold.coldStart()).isTrue();
        assertThat(warm.coldStart()).isFalse();
        assertThat(warm.pid()).isEqualTo(cold.pid());
        assertThat(second.terminalEvent()).get().isInstanceOfSatisfying(AgentEvent.SessionStatsEvent.class, stats -> {
            assertThat(stats.turn().tokens().inputTokens()).isPositive();
            assertThat(stats.session().turns()).isEqualTo(2);
            assertThat(stats.turn().costUsd()).as("Codex reports no cost; none is invented").isEmpty();
        });
        assertThat(lab.engine.session(session.sessionId()).orElseThrow().provider()).isEqualTo("codex");
    }

    @Test
    void an_allowed_command_runs_without_asking_the_caller_and_reports_use_and_result() {
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult result = lab.engine.execute(codexSession("tool"), "please use tool", sink);

        assertThat(result.outcome()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(sink.wireNames()).containsSubsequence("tool_use", "tool_result", "answer", "session_stats");
        assertThat(sink.eventsOfType(AgentEvent.PermissionRequest.class)).as("allowed by the engine's tool rules").isEmpty();
        AgentEvent.ToolResult toolResult = sink.eventsOfType(AgentEvent.ToolResult.class).getFirst();
        assertThat(toolResult.toolName()).isEqualTo("Bash");
        assertThat(toolResult.output()).contains("hello-from-tool");
        assertThat(toolResult.durationMs()).isPositive();
        assertThat(result.answer()).startsWith("tool said:").contains("hello-from-tool");
    }

    @Test
    void an_approval_the_caller_allows_runs_and_one_it_denies_does_not() throws Exception {
        SessionConfig session = codexSession("approve");
        Asked allowed = askAndAnswer(session, "make allowed", PermissionDecision.allowed());
        Asked denied = askAndAnswer(session, "make denied", PermissionDecision.denied("not today"));

        assertThat(allowed.request().call().stringInput("command")).contains("touch allowed.txt");
        assertThat(allowed.result().outcome()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(denied.result().outcome()).isEqualTo(TurnOutcome.SUCCESS);
        Path workDir = allowed.sink().eventsOfType(AgentEvent.SessionStart.class).getFirst().workDir();
        assertThat(workDir.resolve("allowed.txt")).exists();
        assertThat(workDir.resolve("denied.txt")).doesNotExist();
        assertThat(denied.sink().eventsOfType(AgentEvent.ToolResult.class)).singleElement()
                .satisfies(result -> assertThat(result.isError()).isTrue());
    }

    private record Asked(AgentEvent.PermissionRequest request, TurnResult result, RecordingEventSink sink) {
    }

    private static Asked askAndAnswer(SessionConfig session, String prompt, PermissionDecision decision)
            throws Exception {
        RecordingEventSink sink = new RecordingEventSink();
        CompletableFuture<TurnResult> turn = lab.engine.submit(session, prompt, sink);
        AgentEvent.PermissionRequest request = sink.awaitEvent(AgentEvent.PermissionRequest.class, WAIT);
        lab.engine.respondToPermission(session.sessionId(), request.requestId(), decision);
        return new Asked(request, turn.get(WAIT.toSeconds(), TimeUnit.SECONDS), sink);
    }

    @Test
    void the_firewall_denies_a_dangerous_command_before_the_caller_is_asked() {
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult result = lab.engine.execute(codexSession("firewall"), "make blocked", sink);

        assertThat(result.outcome()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(sink.eventsOfType(AgentEvent.DangerBlock.class)).hasSize(1);
        assertThat(sink.eventsOfType(AgentEvent.PermissionRequest.class)).as("never put to the caller").isEmpty();
        Path workDir = sink.eventsOfType(AgentEvent.SessionStart.class).getFirst().workDir();
        assertThat(workDir.resolve("blocked-by-firewall.txt")).doesNotExist();
    }

    @Test
    void an_unanswered_approval_is_declined_at_the_permission_timeout_and_the_turn_ends() {
        RecordingEventSink sink = new RecordingEventSink();
        long start = System.nanoTime();
        TurnResult result = lab.engine.execute(codexSession("unanswered"), "make unanswered", sink);

        assertThat(result.outcome()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(sink.eventsOfType(AgentEvent.PermissionRequest.class)).hasSize(1);
        Path workDir = sink.eventsOfType(AgentEvent.SessionStart.class).getFirst().workDir();
        assertThat(workDir.resolve("unanswered.txt")).doesNotExist();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
    }

    @Test
    void an_interrupt_ends_a_streaming_turn_and_the_session_goes_on() throws Exception {
        SessionConfig session = codexSession("interrupt");
        RecordingEventSink slow = new RecordingEventSink();
        CompletableFuture<TurnResult> turn = lab.engine.submit(session, "be slow", slow);
        slow.awaitEvent(AgentEvent.Answer.class, WAIT);
        lab.engine.interrupt(session.sessionId());
        TurnResult interrupted = turn.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        TurnResult after = lab.engine.execute(session, "after the interrupt", new RecordingEventSink());

        assertThat(interrupted.outcome()).isEqualTo(TurnOutcome.INTERRUPTED);
        assertThat(after.outcome()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(after.answer()).isEqualTo("pong: after the interrupt");
    }

    @Test
    void after_kill_minus_9_the_next_turn_resumes_the_thread() {
        SessionConfig session = codexSession("crash");
        RecordingEventSink first = new RecordingEventSink();
        lab.engine.execute(session, "remember the word kumquat", first);
        long pid = first.eventsOfType(AgentEvent.SessionStart.class).getFirst().pid().orElseThrow();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().join());

        RecordingEventSink second = new RecordingEventSink();
        TurnResult after = lab.engine.execute(session, "which fruit was it", second);

        assertThat(after.outcome()).isEqualTo(TurnOutcome.SUCCESS);
        AgentEvent.SessionStart restart = second.eventsOfType(AgentEvent.SessionStart.class).getFirst();
        assertThat(restart.coldStart()).isTrue();
        assertThat(restart.resumed()).isTrue();
        assertThat(restart.pid().orElseThrow()).isNotEqualTo(pid);
        List<String> bodies = lab.openAi.requestBodies();
        assertThat(bodies.stream().filter(body -> body.contains("which fruit was it")).toList()).singleElement()
                .satisfies(body -> assertThat(body).contains("remember the word kumquat"));
    }

    @Test
    void stopping_a_session_mid_command_leaves_no_process_of_its_group() {
        SessionConfig session = codexSession("stop");
        RecordingEventSink sink = new RecordingEventSink();
        CompletableFuture<TurnResult> turn = lab.engine.submit(session, "sleep long", sink);
        AgentEvent.PermissionRequest request = sink.awaitEvent(AgentEvent.PermissionRequest.class, WAIT);
        lab.engine.respondToPermission(session.sessionId(), request.requestId(), PermissionDecision.allowed());
        long pgid = sink.eventsOfType(AgentEvent.SessionStart.class).getFirst().pid().orElseThrow();
        assertThat(ProcessGroups.liveMembers(pgid)).isNotEmpty();

        lab.engine.stopSession(session.sessionId(), "test stop");

        assertThat(turn.join().outcome()).isNotEqualTo(TurnOutcome.SUCCESS);
        assertThat(ProcessGroups.liveMembers(pgid)).isEmpty();
        assertThat(lab.codex.liveProcessGroups()).doesNotContain(pgid);
    }

    @Test
    void one_engine_runs_sessions_on_both_providers_and_lists_both_versions() throws Exception {
        TurnResult onClaude = lab.engine.execute(SessionConfig.of("both-claude-" + UUID.randomUUID())
                .withProvider("claude"), "hello claude", new RecordingEventSink());
        TurnResult onDefault = lab.engine.execute(SessionConfig.of("both-default-" + UUID.randomUUID()),
                "hello default", new RecordingEventSink());

        assertThat(onClaude.outcome()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(onClaude.answer()).contains("hello claude");
        assertThat(onDefault.answer()).as("codex is the default here").isEqualTo("pong: hello default");
        assertThat(lab.engine.cliVersions()).containsEntry("codex", "codex-cli 0.169.0")
                .hasEntrySatisfying("claude", version -> assertThat(version).contains("Claude Code"));
        assertThat(Files.isDirectory(lab.workspace)).isTrue();
        assertThat(lab.openAi.unexpectedRequests()).isEmpty();
    }
}
