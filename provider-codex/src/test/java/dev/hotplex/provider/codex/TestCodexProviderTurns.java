package dev.hotplex.provider.codex;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnInput;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.RecordingTurnListener;
import dev.hotplex.testkit.openai.FakeOpenAiApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static dev.hotplex.provider.codex.CodexLab.TURN_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/** The real Codex CLI 0.169.0 through {@link CodexProvider}, against the fake Responses API. */
class TestCodexProviderTurns {
    @TempDir
    Path root;

    private static TurnCompletion run(AgentConnection connection, String turnId, String prompt,
                                      RecordingTurnListener listener) {
        connection.startTurn(new TurnInput(turnId, prompt), listener);
        return listener.awaitCompletion(TURN_TIMEOUT);
    }

    private static String streamed(RecordingTurnListener listener) {
        return listener.events().stream().filter(AgentEvent.Answer.class::isInstance).map(AgentEvent.Answer.class::cast)
                .filter(AgentEvent.Answer::delta).map(AgentEvent.Answer::text).collect(Collectors.joining());
    }

    @Test
    void two_turns_run_on_one_hot_process_and_the_second_sees_the_first() {
        try (CodexLab lab = CodexLab.start(root, FakeOpenAiApi.builder(), "read-only", "never")) {
            AgentConnection connection = lab.provider.open(lab.spec("multi", false));
            try {
                RecordingTurnListener first = new RecordingTurnListener();
                TurnCompletion one = run(connection, "t1", "first words", first);
                RecordingTurnListener second = new RecordingTurnListener();
                TurnCompletion two = run(connection, "t2", "second words", second);

                assertThat(one.status()).isEqualTo(TurnCompletion.Status.SUCCESS);
                assertThat(one.resultText()).contains("pong: first words");
                assertThat(streamed(first)).isEqualTo("pong: first words");
                assertThat(two.resultText()).contains("pong: second words");
                assertThat(one.tokens().inputTokens()).isPositive();
                assertThat(two.tokens().inputTokens()).isPositive();
                assertThat(one.totals().costUsd()).as("Codex reports no cost").isEmpty();
                assertThat(lab.provider.liveProcessGroups()).containsExactly(connection.pid().getAsLong());
                List<String> bodies = lab.api.requestBodies();
                assertThat(bodies).hasSize(2);
                assertThat(bodies.get(1)).contains("first words").contains("pong: first words");
                assertThat(first.completions()).hasSize(1);
                assertThat(first.eventsAfterCompletion()).isZero();
                assertThat(lab.api.unexpectedRequests()).isEmpty();
            } finally {
                connection.close(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void a_model_api_failure_fails_the_turn_with_codexs_message_and_the_process_goes_on() {
        try (CodexLab lab = CodexLab.start(root, FakeOpenAiApi.builder(), "read-only", "never")) {
            AgentConnection connection = lab.provider.open(lab.spec("failure", false));
            try {
                RecordingTurnListener failing = new RecordingTurnListener();
                TurnCompletion failed = run(connection, "t1", "cause a server error", failing);
                TurnCompletion after = run(connection, "t2", "and now hello", new RecordingTurnListener());

                assertThat(failed.status()).isEqualTo(TurnCompletion.Status.FAILED);
                assertThat(failed.message()).hasValueSatisfying(message -> assertThat(message).isNotBlank());
                assertThat(after.status()).isEqualTo(TurnCompletion.Status.SUCCESS);
                assertThat(after.resultText()).contains("pong: and now hello");
            } finally {
                connection.close(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void a_command_turn_reports_tool_use_and_result_then_the_answer() {
        try (CodexLab lab = CodexLab.start(root, FakeOpenAiApi.builder(), "read-only", "never")) {
            AgentConnection connection = lab.provider.open(lab.spec("tool", false));
            try {
                RecordingTurnListener listener = new RecordingTurnListener();
                TurnCompletion completion = run(connection, "t1", "please use tool", listener);

                assertThat(completion.status()).isEqualTo(TurnCompletion.Status.SUCCESS);
                assertThat(listener.wireNames()).containsSubsequence("tool_use", "tool_result", "answer");
                AgentEvent.ToolUse use = listener.awaitEvent(AgentEvent.ToolUse.class, Duration.ZERO);
                assertThat(use.call().toolName()).isEqualTo("Bash");
                assertThat(use.call().stringInput("command")).contains(FakeOpenAiApi.DEFAULT_TOOL_COMMAND);
                AgentEvent.ToolResult result = listener.awaitEvent(AgentEvent.ToolResult.class, Duration.ZERO);
                assertThat(result.output()).contains("hello-from-tool");
                assertThat(result.isError()).isFalse();
                assertThat(completion.resultText()).hasValueSatisfying(text -> assertThat(text)
                        .startsWith("tool said:").contains("hello-from-tool"));
            } finally {
                connection.close(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void in_hotplexs_sandbox_commands_write_the_work_dir_despite_codexs_read_only_but_nothing_outside() {
        String outside = "/etc/hotplex-codex-" + java.util.UUID.randomUUID();
        FakeOpenAiApi.Builder api = FakeOpenAiApi.builder()
                .whenCommand("escape", "echo inside > inside.txt && touch " + outside);
        try (CodexLab lab = CodexLab.start(root, api, "read-only", "never")) {
            AgentConnection connection = lab.provider.open(lab.spec("confined", false));
            try {
                RecordingTurnListener listener = new RecordingTurnListener();
                TurnCompletion completion = run(connection, "t1", "escape now", listener);

                assertThat(lab.provider.sandbox()).startsWith("bwrap (");
                assertThat(completion.status()).isEqualTo(TurnCompletion.Status.SUCCESS);
                AgentEvent.ToolResult result = listener.awaitEvent(AgentEvent.ToolResult.class, Duration.ZERO);
                assertThat(result.output()).as("Codex's own bwrap would not even start here")
                        .doesNotContain("uid map").containsIgnoringCase("read-only file system");
                assertThat(result.isError()).isTrue();
                assertThat(lab.workDir.resolve("inside.txt")).as("danger-full-access inside hotplex's sandbox")
                        .hasContent("inside");
                assertThat(Path.of(outside)).doesNotExist();
            } finally {
                connection.close(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void approvals_go_to_the_listener_and_its_answer_decides() throws Exception {
        FakeOpenAiApi.Builder api = FakeOpenAiApi.builder().whenCommand("make allowed", "touch allowed.txt")
                .whenCommand("make denied", "touch denied.txt");
        try (CodexLab lab = CodexLab.start(root, api, "workspace-write", "untrusted")) {
            AgentConnection connection = lab.provider.open(lab.spec("approve", false));
            try {
                RecordingTurnListener allow = answering(connection, true);
                TurnCompletion allowed = run(connection, "t1", "make allowed", allow);
                RecordingTurnListener deny = answering(connection, false);
                TurnCompletion denied = run(connection, "t2", "make denied", deny);

                assertThat(allowed.status()).isEqualTo(TurnCompletion.Status.SUCCESS);
                assertThat(denied.status()).isEqualTo(TurnCompletion.Status.SUCCESS);
                AgentEvent.PermissionRequest request = allow.awaitEvent(AgentEvent.PermissionRequest.class, Duration.ZERO);
                assertThat(request.call().toolName()).isEqualTo("Bash");
                assertThat(request.call().stringInput("command")).contains("touch allowed.txt");
                assertThat(Files.exists(lab.workDir.resolve("allowed.txt"))).isTrue();
                assertThat(deny.awaitEvent(AgentEvent.PermissionRequest.class, Duration.ZERO).call()
                        .stringInput("command")).contains("touch denied.txt");
                assertThat(Files.exists(lab.workDir.resolve("denied.txt"))).isFalse();
                assertThat(deny.awaitEvent(AgentEvent.ToolResult.class, Duration.ZERO).isError()).isTrue();
            } finally {
                connection.close(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void a_file_change_asks_as_an_edit_and_the_answer_decides() {
        // Codex's read-only sandbox is what makes it ask: it applies only outside hotplex's sandbox
        try (CodexLab lab = CodexLab.startUnconfined(root, FakeOpenAiApi.builder().writeFile("patched.txt", "patched"),
                "read-only", "on-request")) {
            AgentConnection connection = lab.provider.open(lab.spec("patch", false));
            try {
                RecordingTurnListener deny = answering(connection, false);
                run(connection, "t1", "write file", deny);
                boolean existsAfterDeny = Files.exists(lab.workDir.resolve("patched.txt"));
                RecordingTurnListener allow = answering(connection, true);
                TurnCompletion allowed = run(connection, "t2", "write file", allow);

                AgentEvent.PermissionRequest asked = deny.awaitEvent(AgentEvent.PermissionRequest.class, Duration.ZERO);
                assertThat(asked.call().toolName()).isEqualTo("Edit");
                assertThat(asked.call().stringInput("file_path")).hasValueSatisfying(path -> assertThat(path)
                        .endsWith("patched.txt"));
                assertThat(existsAfterDeny).isFalse();
                assertThat(allowed.status()).isEqualTo(TurnCompletion.Status.SUCCESS);
                assertThat(lab.workDir.resolve("patched.txt")).hasContent("patched");
            } finally {
                connection.close(Duration.ofSeconds(2));
            }
        }
    }

    private static RecordingTurnListener answering(AgentConnection connection, boolean allow) {
        return new RecordingTurnListener(event -> {
            if (event instanceof AgentEvent.PermissionRequest request) {
                connection.answerPermission(request.requestId(),
                        allow ? PermissionDecision.allowed() : PermissionDecision.denied("not in this test"));
            }
        });
    }

    @Test
    void an_interrupt_ends_a_streaming_turn_and_the_process_takes_the_next_one() {
        try (CodexLab lab = CodexLab.start(root, FakeOpenAiApi.builder().slow(50, Duration.ofMillis(200)),
                "read-only", "never")) {
            AgentConnection connection = lab.provider.open(lab.spec("interrupt", false));
            try {
                RecordingTurnListener slow = new RecordingTurnListener();
                connection.startTurn(new TurnInput("t1", "be slow"), slow);
                slow.awaitEvent(AgentEvent.Answer.class, TURN_TIMEOUT);
                connection.interrupt();
                TurnCompletion interrupted = slow.awaitCompletion(TURN_TIMEOUT);
                RecordingTurnListener next = new RecordingTurnListener();
                TurnCompletion after = run(connection, "t2", "after the interrupt", next);

                assertThat(interrupted.status()).isEqualTo(TurnCompletion.Status.INTERRUPTED);
                assertThat(streamed(slow)).doesNotContain("chunk 50");
                assertThat(after.status()).isEqualTo(TurnCompletion.Status.SUCCESS);
                assertThat(after.resultText()).contains("pong: after the interrupt");
                assertThat(connection.isAlive()).isTrue();
            } finally {
                connection.close(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void after_a_crash_the_session_resumes_its_thread_in_a_new_process() throws Exception {
        try (CodexLab lab = CodexLab.start(root, FakeOpenAiApi.builder(), "read-only", "never")) {
            AgentConnection first = lab.provider.open(lab.spec("crash", false));
            TurnCompletion before = run(first, "t1", "remember the word alpha", new RecordingTurnListener());
            long pid = first.pid().getAsLong();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().join());
            assertThat(lab.provider.canResume(lab.spec("crash", true))).isTrue();

            AgentConnection second = lab.provider.open(lab.spec("crash", true));
            try {
                TurnCompletion after = run(second, "t2", "which word", new RecordingTurnListener());

                assertThat(before.status()).isEqualTo(TurnCompletion.Status.SUCCESS);
                assertThat(second.pid().getAsLong()).isNotEqualTo(pid);
                assertThat(after.status()).isEqualTo(TurnCompletion.Status.SUCCESS);
                List<String> bodies = lab.api.requestBodies();
                assertThat(bodies.getLast()).as("the resumed thread carries the earlier turn")
                        .contains("remember the word alpha").contains("which word");
            } finally {
                second.close(Duration.ofSeconds(2));
                first.close(Duration.ZERO);
            }
        }
    }

    @Test
    void closing_mid_command_ends_the_turn_and_leaves_no_process_of_the_group() {
        FakeOpenAiApi.Builder api = FakeOpenAiApi.builder().whenCommand("sleep long", "sleep 300");
        try (CodexLab lab = CodexLab.start(root, api, "danger-full-access", "never")) {
            AgentConnection connection = lab.provider.open(lab.spec("stop", false));
            long pgid = connection.pid().getAsLong();
            RecordingTurnListener listener = new RecordingTurnListener();
            connection.startTurn(new TurnInput("t1", "sleep long"), listener);
            listener.awaitEvent(AgentEvent.ToolUse.class, TURN_TIMEOUT);
            AtomicReference<List<Long>> members = new AtomicReference<>(ProcessGroups.liveMembers(pgid));
            assertThat(members.get()).as("codex and its command run in the group").isNotEmpty();

            connection.close(Duration.ofSeconds(2));

            assertThat(listener.awaitCompletion(TURN_TIMEOUT).status()).isEqualTo(TurnCompletion.Status.PROCESS_DIED);
            assertThat(ProcessGroups.liveMembers(pgid)).isEmpty();
            assertThat(members.get()).noneMatch(ProcessGroups::isAlive);
            assertThat(lab.provider.liveProcessGroups()).isEmpty();
            assertThat(connection.isAlive()).isFalse();
        }
    }
}
