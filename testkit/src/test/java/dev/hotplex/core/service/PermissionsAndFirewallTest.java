package dev.hotplex.core.service;

import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.BlockLayer;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.model.Verdict;
import dev.hotplex.testkit.BlockingContentPolicy;
import dev.hotplex.testkit.FakeConnection;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.ToolCalls;
import dev.hotplex.testkit.TurnScript;
import dev.hotplex.testkit.TurnStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import static dev.hotplex.core.service.EngineTurnsTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

class PermissionsAndFirewallTest {
    private static final String ADMIN_TOKEN = "admin-token-0123456789";

    @TempDir
    Path temp;

    private EngineHarness harness;
    private final BlockingContentPolicy policy = new BlockingContentPolicy();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private void start(UnaryOperator<EngineConfig> tune) {
        harness = new EngineHarness(temp, tune, policy, new InMemorySessionStore());
    }

    private static UnaryOperator<EngineConfig> approval(ToolApproval approval, Duration timeout) {
        return config -> config.withPermissions(approval, timeout).withAdminToken(ADMIN_TOKEN, Duration.ofMinutes(5));
    }

    @Test
    void aBlockedPromptNeverReachesTheAgent() {
        start(approval(ToolApproval.ASK, Duration.ofSeconds(5)));
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult result = harness.run("s1", "please rm -rf / now", sink);

        assertThat(result.outcome()).isEqualTo(TurnOutcome.BLOCKED);
        assertThat(result.error().orElseThrow().code()).isEqualTo(StandardErrorCode.DANGER_BLOCKED);
        assertThat(sink.wireNames()).containsExactly("danger_block", "error");
        AgentEvent.DangerBlock block = sink.eventsOfType(AgentEvent.DangerBlock.class).getFirst();
        assertThat(block.layer()).isEqualTo(BlockLayer.PROMPT);
        assertThat(block.verdict().ruleId()).isEqualTo(BlockingContentPolicy.RULE_ID);
        assertThat(harness.provider.openCount()).isZero();
        assertThat(harness.observer.blockedVerdicts()).hasSize(1);
    }

    @Test
    void aPermissionRequestIsForwardedAndAnsweredByTheCaller() throws Exception {
        start(approval(ToolApproval.ASK, Duration.ofSeconds(5)));
        harness.provider.nextTurn(TurnScript.of(
                TurnStep.toolWithPermission("req-1", ToolCalls.bash("t1", "ls -la"), "files")));
        RecordingEventSink sink = new RecordingEventSink();
        CompletableFuture<TurnResult> running = harness.engine.submit(SessionConfig.of("s1"), "list", sink);

        AgentEvent.PermissionRequest request = sink.awaitEvent(AgentEvent.PermissionRequest.class, EngineHarness.WAIT);
        assertThat(request.requestId()).isEqualTo("req-1");
        harness.engine.respondToPermission(SessionId.of("s1"), "req-1", PermissionDecision.allowed());

        assertThat(running.get().succeeded()).isTrue();
        FakeConnection connection = harness.provider.lastConnection();
        assertThat(connection.permissionAnswers()).containsExactly(
                new FakeConnection.PermissionAnswer("req-1", PermissionDecision.allowed()));
        assertThat(harness.observer.observationsOf(RecordingEngineObserver.PermissionDecided.class))
                .extracting(RecordingEngineObserver.PermissionDecided::source).containsExactly("user");
        // answered once: a second answer finds nothing pending
        assertRefused(() -> harness.engine.respondToPermission(SessionId.of("s1"), "req-1", PermissionDecision.allowed()),
                StandardErrorCode.PERMISSION_REQUEST_NOT_FOUND);
    }

    @Test
    void anUnansweredPermissionRequestIsDeniedAfterTheTimeout() {
        start(approval(ToolApproval.ASK, Duration.ofMillis(100)));
        harness.provider.nextTurn(TurnScript.of(
                TurnStep.toolWithPermission("req-1", ToolCalls.bash("t1", "ls"), "files")));
        TurnResult result = harness.run("s1", "list");

        assertThat(result.succeeded()).isTrue();
        FakeConnection.PermissionAnswer answer = harness.provider.lastConnection().permissionAnswers().getFirst();
        assertThat(answer.decision().allow()).isFalse();
        assertThat(answer.decision().message()).hasValueSatisfying(message -> assertThat(message).contains("no answer"));
        assertThat(harness.observer.observationsOf(RecordingEngineObserver.PermissionDecided.class))
                .extracting(RecordingEngineObserver.PermissionDecided::source).containsExactly("timeout");
    }

    @Test
    void aDangerousToolCallIsDeniedByTheFirewallWithoutAskingAnyone() {
        start(approval(ToolApproval.ALLOW, Duration.ofSeconds(5)));
        harness.provider.nextTurn(TurnScript.of(
                TurnStep.toolWithPermission("req-9", ToolCalls.bash("t9", "sudo rm -rf / --no-preserve-root"), "gone")));
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult result = harness.run("s1", "clean up", sink);

        assertThat(result.succeeded()).isTrue();
        assertThat(sink.eventsOfType(AgentEvent.PermissionRequest.class)).isEmpty();
        AgentEvent.DangerBlock block = sink.eventsOfType(AgentEvent.DangerBlock.class).getFirst();
        assertThat(block.layer()).isEqualTo(BlockLayer.TOOL_CALL);
        assertThat(block.toolUseId()).contains("t9");
        PermissionDecision decision = harness.provider.lastConnection().permissionAnswers().getFirst().decision();
        assertThat(decision.allow()).isFalse();
        assertThat(decision.message()).hasValueSatisfying(message -> assertThat(message).contains(BlockingContentPolicy.RULE_ID));
    }

    @Test
    void approvalModesAllowOrDenyWithoutAsking() {
        start(approval(ToolApproval.ALLOW, Duration.ofSeconds(5)));
        harness.provider.nextTurn(TurnScript.of(TurnStep.toolWithPermission("r", ToolCalls.bash("t", "ls"), "ok")));
        harness.run("s1", "list");
        assertThat(harness.provider.lastConnection().permissionAnswers().getFirst().decision().allow()).isTrue();
        harness.close();

        start(approval(ToolApproval.DENY, Duration.ofSeconds(5)));
        harness.provider.nextTurn(TurnScript.of(TurnStep.toolWithPermission("r", ToolCalls.bash("t", "ls"), "ok")));
        harness.run("s2", "list");
        assertThat(harness.provider.lastConnection().permissionAnswers().getFirst().decision().allow()).isFalse();
    }

    @Test
    void disallowedToolsAreDeniedAndAllowedToolsAllowedWithoutAsking() {
        start(approval(ToolApproval.ASK, Duration.ofSeconds(5)).andThen(
                config -> config.withTools(List.of("Read", "Bash(git log:*)"), List.of("WebFetch")))::apply);
        harness.provider.nextTurn(TurnScript.of(
                TurnStep.toolWithPermission("r1", ToolCalls.read("t1", "README.md"), "text"),
                TurnStep.toolWithPermission("r2", ToolCalls.bash("t2", "git log --oneline"), "log"),
                TurnStep.toolWithPermission("r3", new dev.hotplex.core.model.ToolCall("t3", "WebFetch",
                        java.util.Map.of("url", "https://example.org")), "page")));
        RecordingEventSink sink = new RecordingEventSink();
        assertThat(harness.run("s1", "look around", sink).succeeded()).isTrue();

        assertThat(sink.eventsOfType(AgentEvent.PermissionRequest.class)).isEmpty();
        assertThat(harness.provider.lastConnection().permissionAnswers())
                .extracting(answer -> answer.requestId() + "=" + answer.decision().allow())
                .containsExactly("r1=true", "r2=true", "r3=false");
    }

    @Test
    void answeringAnUnknownRequestIsATypedError() {
        start(approval(ToolApproval.ASK, Duration.ofSeconds(5)));
        harness.run("s1", "hi");
        assertRefused(() -> harness.engine.respondToPermission(SessionId.of("s1"), "nope", PermissionDecision.allowed()),
                StandardErrorCode.PERMISSION_REQUEST_NOT_FOUND);
        assertRefused(() -> harness.engine.respondToPermission(SessionId.of("ghost"), "nope", PermissionDecision.allowed()),
                StandardErrorCode.PERMISSION_REQUEST_NOT_FOUND);
    }

    @Test
    void theBypassNeedsTheAdminTokenAndSkipsThePromptLayerOnly() {
        start(approval(ToolApproval.ALLOW, Duration.ofSeconds(5)));
        assertRefused(() -> harness.engine.setDangerBypass("wrong-token-0123456789", true), StandardErrorCode.UNAUTHORIZED);
        assertRefused(() -> harness.engine.setDangerBypass(null, true), StandardErrorCode.UNAUTHORIZED);

        harness.engine.setDangerBypass(ADMIN_TOKEN, true);
        harness.provider.nextTurn(TurnScript.of(TurnStep.toolWithPermission("r", ToolCalls.bash("t", "rm -rf / "), "x")));
        RecordingEventSink sink = new RecordingEventSink();
        assertThat(harness.run("s1", "rm -rf / is fine today", sink).succeeded()).isTrue();
        // the tool-call layer still blocks
        assertThat(sink.eventsOfType(AgentEvent.DangerBlock.class)).extracting(AgentEvent.DangerBlock::layer)
                .containsExactly(BlockLayer.TOOL_CALL);
        assertThat(harness.observer.count(RecordingEngineObserver.DangerBypassChanged.class)).isEqualTo(1);
        // the bypassed decision is still reported, for the audit log
        assertThat(harness.observer.observationsOf(RecordingEngineObserver.Bypassed.class))
                .extracting(bypassed -> bypassed.verdict().ruleId()).containsExactly(BlockingContentPolicy.RULE_ID);

        harness.engine.setDangerBypass(ADMIN_TOKEN, false);
        assertThat(harness.run("s1", "rm -rf / again").outcome()).isEqualTo(TurnOutcome.BLOCKED);
    }

    @Test
    void theBypassExpiresByItself() {
        start(approval(ToolApproval.ALLOW, Duration.ofSeconds(5)));
        harness.engine.setDangerBypass(ADMIN_TOKEN, true);
        harness.clock.advance(Duration.ofMinutes(6));
        assertThat(harness.run("s1", "rm -rf /").outcome()).isEqualTo(TurnOutcome.BLOCKED);
    }

    @Test
    void withoutAnAdminTokenTheBypassCannotBeEnabled() {
        start(config -> config);
        assertRefused(() -> harness.engine.setDangerBypass("anything-at-all-123", true), StandardErrorCode.UNAUTHORIZED);
    }

    @Test
    void checkDangerAndAllowPathsReachThePolicy() {
        start(config -> config);
        assertThat(harness.engine.checkDanger("rm -rf /")).isInstanceOf(Verdict.Blocked.class);
        assertThat(harness.engine.checkDanger("ls")).isEqualTo(Verdict.ALLOWED);
        assertThat(harness.engine.checkCommand("sudo rm -rf /")).isInstanceOf(Verdict.Blocked.class);
        assertThat(policy.checkedToolCalls()).extracting(call -> call.toolName()).containsExactly("Bash");
        harness.engine.setDangerAllowPaths(List.of(Path.of("/tmp/scratch")));
        assertThat(policy.allowPaths()).containsExactly(Path.of("/tmp/scratch"));
    }
}
