package dev.hotplex.telemetry;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionStats;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.ToolApproval;
import dev.hotplex.testkit.BlockingContentPolicy;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.ToolCalls;
import dev.hotplex.testkit.TurnScript;
import dev.hotplex.testkit.TurnStep;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.hotplex.telemetry.TelemetryNames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Spans, events and metric points of real engine turns (over the fake agent), read from the SDK's in-memory exporters. */
class TurnTelemetryTest {
    @TempDir
    Path workspace;

    private TelemetryHarness harness(ContentPolicy policy, ToolApproval approval) {
        return new TelemetryHarness(workspace, TelemetryHarness.config(), policy, approval);
    }

    private static TurnScript toolTurn(int nth) {
        return TurnScript.of(
                TurnStep.tool(ToolCalls.bash("toolu_1", "ls -la"), "total 0"),
                TurnStep.tool(ToolCalls.write("toolu_2", "notes.txt", "hi"), "written"),
                TurnStep.streamedAnswer("all ", "done"),
                TurnStep.complete(TelemetryHarness.completion("all done", nth)));
    }

    @Test
    void aToolTurnIsAClientSpanWithProcessAndToolChildren() {
        try (TelemetryHarness t = harness(ContentPolicy.allowAll(), ToolApproval.ALLOW)) {
            t.provider.nextTurn(toolTurn(1));
            TurnResult result = t.engine.execute(SessionConfig.of("s-1"), "list files", new RecordingEventSink());
            assertThat(result.outcome()).isEqualTo(TurnOutcome.SUCCESS);

            SpanData turn = t.onlySpan(SPAN_TURN);
            assertThat(turn.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(turn.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            Attributes attributes = turn.getAttributes();
            assertThat(attributes.get(GEN_AI_OPERATION_NAME)).isEqualTo("invoke_agent");
            assertThat(attributes.get(GEN_AI_PROVIDER_NAME)).isEqualTo("anthropic");
            assertThat(attributes.get(GEN_AI_REQUEST_MODEL)).isEqualTo("claude-requested");
            assertThat(attributes.get(GEN_AI_RESPONSE_MODEL)).isEqualTo(TelemetryHarness.MODEL);
            assertThat(attributes.get(GEN_AI_CONVERSATION_ID)).isEqualTo("s-1");
            // input counts every input token, cached or not (semantic conventions); the cache parts are also separate
            assertThat(attributes.get(GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(120L + 30 + 200);
            assertThat(attributes.get(GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(45L);
            assertThat(attributes.get(GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS)).isEqualTo(30L);
            assertThat(attributes.get(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS)).isEqualTo(200L);
            assertThat(attributes.get(ERROR_TYPE)).isNull();
            assertThat(attributes.get(TURN_OUTCOME)).isEqualTo("success");
            assertThat(attributes.get(TURN_COLD_START)).isTrue();
            assertThat(attributes.get(TURN_TOOL_CALLS)).isEqualTo(2L);
            assertThat(attributes.get(TURN_FILES_MODIFIED)).isEqualTo(1L);
            assertThat(attributes.get(TURN_COST_USD)).isEqualTo(0.0125);
            assertThat(attributes.get(GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isNotNull().isNotNegative();
            assertThat(turn.getEvents()).extracting(EventData::getName).contains(EVENT_FIRST_CHUNK);

            SpanData process = t.onlySpan(SPAN_PROCESS_START);
            assertThat(process.getParentSpanId()).isEqualTo(turn.getSpanId());
            assertThat(process.getTraceId()).isEqualTo(turn.getTraceId());
            assertThat(process.getAttributes().get(PROCESS_PID)).isEqualTo(10_000L);
            assertThat(process.getAttributes().get(PROCESS_RESUMED)).isFalse();
            assertThat(process.getStartEpochNanos()).isGreaterThanOrEqualTo(turn.getStartEpochNanos() - 1_000_000);

            SpanData bash = t.onlySpan("execute_tool Bash");
            SpanData write = t.onlySpan("execute_tool Write");
            for (SpanData tool : List.of(bash, write)) {
                assertThat(tool.getParentSpanId()).isEqualTo(turn.getSpanId());
                assertThat(tool.getTraceId()).isEqualTo(turn.getTraceId());
                assertThat(tool.getAttributes().get(GEN_AI_OPERATION_NAME)).isEqualTo("execute_tool");
                assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
                assertThat(tool.getEndEpochNanos()).isLessThanOrEqualTo(turn.getEndEpochNanos());
            }
            assertThat(bash.getAttributes().get(GEN_AI_TOOL_NAME)).isEqualTo("Bash");
            assertThat(bash.getAttributes().get(GEN_AI_TOOL_CALL_ID)).isEqualTo("toolu_1");
            assertThat(write.getAttributes().get(GEN_AI_TOOL_CALL_ID)).isEqualTo("toolu_2");
            // content is off by default: no prompt, answer, tool input or output anywhere
            t.spans.getFinishedSpanItems().forEach(span -> assertThat(span.getAttributes().asMap().keySet())
                    .extracting(AttributeKey::getKey)
                    .doesNotContain(GEN_AI_OUTPUT_MESSAGES.getKey(), GEN_AI_INPUT_MESSAGES.getKey(),
                            GEN_AI_TOOL_CALL_ARGUMENTS.getKey(), GEN_AI_TOOL_CALL_RESULT.getKey()));
            assertThat(t.observer.openTurns()).isZero();
        }
    }

    @Test
    void aWarmTurnHasNoProcessSpanAndMetricsAgreeWithSessionStats() {
        try (TelemetryHarness t = harness(ContentPolicy.allowAll(), ToolApproval.ALLOW)) {
            SessionConfig session = SessionConfig.of("s-2");
            t.provider.nextTurn(toolTurn(1));
            TurnResult first = t.engine.execute(session, "one", new RecordingEventSink());
            t.provider.nextTurn(toolTurn(2));
            TurnResult second = t.engine.execute(session, "two", new RecordingEventSink());
            assertThat(List.of(first.outcome(), second.outcome())).containsOnly(TurnOutcome.SUCCESS);

            assertThat(t.spans(SPAN_TURN)).hasSize(2);
            assertThat(t.spans(SPAN_PROCESS_START)).as("one cold start").hasSize(1);
            assertThat(t.spans(SPAN_TURN)).extracting(span -> span.getAttributes().get(TURN_COLD_START))
                    .containsExactly(true, false);

            SessionStats stats = t.engine.sessionStats(session.sessionId()).orElseThrow();
            assertThat(stats.turns()).isEqualTo(2);
            List<SpanData> turns = t.spans(SPAN_TURN);
            assertThat(turns.stream().mapToLong(span -> span.getAttributes().get(GEN_AI_USAGE_OUTPUT_TOKENS)).sum())
                    .isEqualTo(stats.tokens().outputTokens()).isEqualTo(90);
            assertThat(turns.stream().mapToLong(span -> span.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS)).sum())
                    .isEqualTo(stats.tokens().inputTokens() + stats.tokens().cacheReadTokens()
                            + stats.tokens().cacheWriteTokens());
            assertThat(turns.stream().mapToLong(span -> span.getAttributes().get(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS))
                    .sum()).isEqualTo(stats.tokens().cacheReadTokens());
            assertThat(turns.stream().mapToDouble(span -> span.getAttributes().get(TURN_COST_USD)).sum())
                    .isCloseTo(stats.costUsd().orElseThrow().doubleValue(), within(1e-9));
            List<SpanData> tools = t.spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getName().startsWith(SPAN_TOOL_PREFIX)).toList();
            assertThat(tools).hasSize(stats.toolCallCount()).hasSize(4);
            assertThat(tools.stream().map(span -> span.getAttributes().get(GEN_AI_TOOL_NAME)).distinct().sorted())
                    .containsExactlyElementsOf(stats.toolsUsed());
            assertThat(stats.filesModified()).containsExactly("notes.txt");

            MetricData duration = t.metric(METRIC_OPERATION_DURATION);
            assertThat(duration.getUnit()).isEqualTo("s");
            HistogramPointData durationPoint = duration.getHistogramData().getPoints().iterator().next();
            assertThat(durationPoint.getCount()).isEqualTo(2);
            assertThat(durationPoint.getSum()).isCloseTo(stats.totalMs() / 1000.0, within(1e-9));
            assertThat(durationPoint.getAttributes().get(GEN_AI_OPERATION_NAME)).isEqualTo("invoke_agent");
            assertThat(durationPoint.getAttributes().get(GEN_AI_PROVIDER_NAME)).isEqualTo("anthropic");
            assertThat(durationPoint.getAttributes().get(GEN_AI_REQUEST_MODEL)).isEqualTo("claude-requested");
            assertThat(durationPoint.getAttributes().get(GEN_AI_RESPONSE_MODEL)).isEqualTo(TelemetryHarness.MODEL);
            assertThat(durationPoint.getBoundaries()).isEqualTo(DURATION_BUCKETS);

            MetricData tokens = t.metric(METRIC_TOKEN_USAGE);
            assertThat(tokens.getUnit()).isEqualTo("{token}");
            assertThat(tokenSum(tokens, "input")).isEqualTo(stats.tokens().inputTokens()
                    + stats.tokens().cacheReadTokens() + stats.tokens().cacheWriteTokens());
            assertThat(tokenSum(tokens, "output")).isEqualTo(stats.tokens().outputTokens());
            assertThat(tokens.getHistogramData().getPoints()).allSatisfy(point ->
                    assertThat(point.getBoundaries()).isEqualTo(TOKEN_BUCKETS));

            MetricData toolDuration = t.metric(METRIC_TOOL_DURATION);
            assertThat(toolDuration.getUnit()).isEqualTo("s");
            assertThat(toolDuration.getHistogramData().getPoints().stream().mapToLong(HistogramPointData::getCount).sum())
                    .isEqualTo(stats.toolCallCount());
            assertThat(toolDuration.getHistogramData().getPoints().stream().mapToDouble(HistogramPointData::getSum).sum())
                    .isCloseTo(stats.toolMs() / 1000.0, within(0.5));

            assertThat(t.metric(METRIC_TIME_TO_FIRST_CHUNK).getUnit()).isEqualTo("s");
            assertThat(t.metric(METRIC_TIME_TO_FIRST_CHUNK).getHistogramData().getPoints().iterator().next().getCount())
                    .isEqualTo(2);
            assertThat(counter(t.metric(METRIC_TURNS), TURN_OUTCOME, "success")).isEqualTo(2);
            assertThat(counter(t.metric(METRIC_PROCESS_STARTS), null, null)).isEqualTo(1);
            MetricData coldStart = t.metric(METRIC_COLD_START_DURATION);
            assertThat(coldStart.getUnit()).isEqualTo("s");
            assertThat(coldStart.getHistogramData().getPoints().iterator().next().getCount()).isEqualTo(1);
            assertThat(gauge(t.metric(METRIC_SESSIONS_ACTIVE))).as("the session keeps its process").isEqualTo(1);
            assertThat(gauge(t.metric(METRIC_SESSIONS_BUSY))).isZero();
            // bounded cardinality: no metric point carries a session id
            t.metrics.collectAllMetrics().forEach(metric -> assertThat(metric.getData().getPoints())
                    .allSatisfy(point -> assertThat(point.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
                            .doesNotContain(GEN_AI_CONVERSATION_ID.getKey(), TURN_ID.getKey())));
        }
    }

    @Test
    void sessionGaugesFollowTheEngineWhileATurnRuns() throws Exception {
        try (TelemetryHarness t = harness(ContentPolicy.allowAll(), ToolApproval.ALLOW)) {
            CompletableFuture<Void> release = new CompletableFuture<>();
            t.provider.nextTurn(TurnScript.of(TurnStep.waitFor(release), TurnStep.answer("late")));
            CompletableFuture<TurnResult> running = t.engine.submit(SessionConfig.of("held"), "hold", new RecordingEventSink());
            t.provider.awaitTurnsStarted(1, Duration.ofSeconds(10));
            assertThat(gauge(t.metric(METRIC_SESSIONS_ACTIVE))).isEqualTo(1);
            assertThat(gauge(t.metric(METRIC_SESSIONS_BUSY))).isEqualTo(1);
            release.complete(null);
            assertThat(running.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(TurnOutcome.SUCCESS);
            assertThat(gauge(t.metric(METRIC_SESSIONS_BUSY))).isZero();
            t.engine.stopSession(dev.hotplex.core.model.SessionId.of("held"), "done");
            assertThat(gauge(t.metric(METRIC_SESSIONS_ACTIVE))).isZero();
        }
    }

    @Test
    void firewallBlocksAreSpanEventsAndCountedByRuleAndLayer() {
        try (TelemetryHarness t = harness(new BlockingContentPolicy(), ToolApproval.ASK)) {
            TurnResult prompt = t.engine.execute(SessionConfig.of("fw"), "please rm -rf / now", new RecordingEventSink());
            assertThat(prompt.outcome()).isEqualTo(TurnOutcome.BLOCKED);
            t.provider.nextTurn(TurnScript.of(
                    TurnStep.toolWithPermission("req-1", ToolCalls.bash("toolu_9", "rm -rf /"), "gone"),
                    TurnStep.answer("could not")));
            TurnResult tool = t.engine.execute(SessionConfig.of("fw"), "clean up", new RecordingEventSink());
            assertThat(tool.outcome()).isEqualTo(TurnOutcome.SUCCESS);

            List<SpanData> turns = t.spans(SPAN_TURN);
            SpanData blockedTurn = turns.getFirst();
            assertThat(blockedTurn.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(blockedTurn.getAttributes().get(ERROR_TYPE)).isEqualTo("DANGER_BLOCKED");
            assertThat(blockedTurn.getAttributes().get(TURN_OUTCOME)).isEqualTo("blocked");
            EventData promptBlock = event(blockedTurn, EVENT_FIREWALL_BLOCK);
            assertThat(promptBlock.getAttributes().get(FIREWALL_RULE)).isEqualTo(BlockingContentPolicy.RULE_ID);
            assertThat(promptBlock.getAttributes().get(FIREWALL_LAYER)).isEqualTo("prompt");
            assertThat(promptBlock.getAttributes().get(FIREWALL_CATEGORY)).isEqualTo(BlockingContentPolicy.CATEGORY);

            SpanData toolTurn = turns.get(1);
            assertThat(event(toolTurn, EVENT_FIREWALL_BLOCK).getAttributes().get(FIREWALL_LAYER)).isEqualTo("tool_call");
            EventData decision = event(toolTurn, EVENT_PERMISSION_DECISION);
            assertThat(decision.getAttributes().get(PERMISSION_DECISION)).isEqualTo("deny");
            assertThat(decision.getAttributes().get(PERMISSION_SOURCE)).isEqualTo("policy");
            SpanData deniedTool = t.onlySpan("execute_tool Bash");
            assertThat(deniedTool.getParentSpanId()).isEqualTo(toolTurn.getSpanId());
            assertThat(deniedTool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(deniedTool.getAttributes().get(ERROR_TYPE)).isEqualTo(TOOL_ERROR);

            MetricData blocks = t.metric(METRIC_FIREWALL_BLOCKS);
            assertThat(blocks.getUnit()).isEqualTo("{block}");
            assertThat(blocks.getLongSumData().getPoints()).extracting(LongPointData::getAttributes)
                    .containsExactlyInAnyOrder(
                            Attributes.of(FIREWALL_RULE, BlockingContentPolicy.RULE_ID, FIREWALL_LAYER, "prompt"),
                            Attributes.of(FIREWALL_RULE, BlockingContentPolicy.RULE_ID, FIREWALL_LAYER, "tool_call"));
            assertThat(blocks.getLongSumData().getPoints()).extracting(LongPointData::getValue).containsOnly(1L);
            assertThat(counter(t.metric(METRIC_PERMISSION_DECISIONS), PERMISSION_DECISION, "deny")).isEqualTo(1);
            assertThat(counter(t.metric(METRIC_TURNS), TURN_OUTCOME, "blocked")).isEqualTo(1);
        }
    }

    @Test
    void aUserPermissionDecisionIsAnEventAndCountedBySource() {
        try (TelemetryHarness t = harness(ContentPolicy.allowAll(), ToolApproval.ASK)) {
            t.provider.nextTurn(TurnScript.of(
                    TurnStep.toolWithPermission("req-7", ToolCalls.bash("toolu_7", "touch x"), "ok"),
                    TurnStep.answer("done")));
            RecordingEventSink sink = new RecordingEventSink();
            CompletableFuture<TurnResult> running = t.engine.submit(SessionConfig.of("ask"), "touch", sink);
            AgentEvent.PermissionRequest request = sink.awaitEvent(AgentEvent.PermissionRequest.class, Duration.ofSeconds(10));
            t.engine.respondToPermission(dev.hotplex.core.model.SessionId.of("ask"), request.requestId(),
                    PermissionDecision.allowed());
            assertThat(running.join().outcome()).isEqualTo(TurnOutcome.SUCCESS);

            SpanData turn = t.onlySpan(SPAN_TURN);
            assertThat(event(turn, EVENT_PERMISSION_REQUEST).getAttributes().get(GEN_AI_TOOL_NAME)).isEqualTo("Bash");
            EventData decision = event(turn, EVENT_PERMISSION_DECISION);
            assertThat(decision.getAttributes().get(PERMISSION_DECISION)).isEqualTo("allow");
            assertThat(decision.getAttributes().get(PERMISSION_SOURCE)).isEqualTo("user");
            assertThat(decision.getAttributes().get(PERMISSION_REQUEST_ID)).isEqualTo("req-7");
            assertThat(counter(t.metric(METRIC_PERMISSION_DECISIONS), PERMISSION_SOURCE, "user")).isEqualTo(1);
        }
    }

    @Test
    void failuresCarryErrorTypeAndAreCountedByOutcome() throws Exception {
        try (TelemetryHarness t = harness(ContentPolicy.allowAll(), ToolApproval.ALLOW)) {
            t.provider.nextTurn(TurnScript.fail("model overloaded"));
            assertThat(t.engine.execute(SessionConfig.of("f"), "x", new RecordingEventSink()).outcome())
                    .isEqualTo(TurnOutcome.FAILED);
            t.provider.nextTurn(TurnScript.crash());
            assertThat(t.engine.execute(SessionConfig.of("f"), "y", new RecordingEventSink()).outcome())
                    .isEqualTo(TurnOutcome.PROCESS_DIED);
            t.provider.nextTurn(TurnScript.hang());
            CompletableFuture<TurnResult> hanging = t.engine.submit(SessionConfig.of("f"), "z", new RecordingEventSink());
            t.provider.awaitTurnsStarted(3, Duration.ofSeconds(10));
            t.engine.interrupt(dev.hotplex.core.model.SessionId.of("f"));
            assertThat(hanging.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(TurnOutcome.INTERRUPTED);

            assertThat(t.spans(SPAN_TURN)).extracting(span -> span.getAttributes().get(ERROR_TYPE))
                    .containsExactly("TURN_FAILED", "PROCESS_DIED", "INTERRUPTED");
            assertThat(t.spans(SPAN_TURN)).extracting(span -> span.getStatus().getStatusCode())
                    .containsOnly(StatusCode.ERROR);
            assertThat(t.spans(SPAN_TURN).get(2).getEvents()).extracting(EventData::getName).contains(EVENT_INTERRUPT);
            assertThat(counter(t.metric(METRIC_TURNS), TURN_OUTCOME, "failed")).isEqualTo(1);
            assertThat(counter(t.metric(METRIC_TURNS), TURN_OUTCOME, "process_died")).isEqualTo(1);
            assertThat(counter(t.metric(METRIC_TURNS), TURN_OUTCOME, "interrupted")).isEqualTo(1);
            assertThat(counter(t.metric(METRIC_PROCESS_CRASHES), null, null)).isEqualTo(1);
            assertThat(counter(t.metric(METRIC_INTERRUPTS), null, null)).isEqualTo(1);
            assertThat(counter(t.metric(METRIC_PROCESS_STARTS), null, null)).as("respawned after the crash").isEqualTo(2);
            HistogramPointData failedDuration = t.metric(METRIC_OPERATION_DURATION).getHistogramData().getPoints()
                    .stream().filter(point -> "TURN_FAILED".equals(point.getAttributes().get(ERROR_TYPE)))
                    .findFirst().orElseThrow();
            assertThat(failedDuration.getCount()).isEqualTo(1);
        }
    }

    @Test
    void contentIsRecordedOnlyWhenEnabled() {
        TelemetryConfig config = TelemetryHarness.config().withCaptureContent(true);
        try (TelemetryHarness t = new TelemetryHarness(workspace, config, ContentPolicy.allowAll(), ToolApproval.ALLOW)) {
            t.provider.nextTurn(toolTurn(1));
            t.engine.execute(SessionConfig.of("c"), "list \"all\"", new RecordingEventSink());
            assertThat(t.onlySpan(SPAN_TURN).getAttributes().get(GEN_AI_INPUT_MESSAGES))
                    .isEqualTo("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"list \\\"all\\\"\"}]}]");
            assertThat(t.onlySpan(SPAN_TURN).getAttributes().get(GEN_AI_OUTPUT_MESSAGES))
                    .isEqualTo("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"all done\"}]}]");
            SpanData bash = t.onlySpan("execute_tool Bash");
            assertThat(bash.getAttributes().get(GEN_AI_TOOL_CALL_ARGUMENTS)).isEqualTo("{\"command\":\"ls -la\"}");
            assertThat(bash.getAttributes().get(GEN_AI_TOOL_CALL_RESULT)).isEqualTo("total 0");
        }
    }

    @Test
    void aBlockedPromptIsNeverRecordedEvenWithContentCapture() {
        TelemetryConfig config = TelemetryHarness.config().withCaptureContent(true);
        try (TelemetryHarness t = new TelemetryHarness(workspace, config, new BlockingContentPolicy(), ToolApproval.ALLOW)) {
            assertThat(t.engine.execute(SessionConfig.of("b"), "now rm -rf / quietly", new RecordingEventSink())
                    .outcome()).isEqualTo(TurnOutcome.BLOCKED);
            assertThat(t.onlySpan(SPAN_TURN).getAttributes().get(GEN_AI_INPUT_MESSAGES)).isNull();
        }
    }

    @Test
    void aStartFailureIsCountedAndTheTurnSpanSaysWhy() {
        try (TelemetryHarness t = harness(ContentPolicy.allowAll(), ToolApproval.ALLOW)) {
            t.provider.failNextOpens(1, "no binary");
            assertThat(t.engine.execute(SessionConfig.of("sf"), "x", new RecordingEventSink()).outcome())
                    .isEqualTo(TurnOutcome.START_FAILED);
            assertThat(t.onlySpan(SPAN_TURN).getAttributes().get(ERROR_TYPE)).isEqualTo("PROCESS_START_FAILED");
            assertThat(counter(t.metric(METRIC_PROCESS_START_FAILURES), null, null)).isEqualTo(1);
            assertThat(t.maybeMetric(METRIC_TOKEN_USAGE)).as("no tokens were spent").isEmpty();
        }
    }

    @Test
    void aPrewarmedFirstTurnSaysSoAndSparesAreCounted() throws Exception {
        EngineConfig.Prewarm prewarm = new EngineConfig.Prewarm(1, List.of("default"), Duration.ofMillis(20));
        try (TelemetryHarness t = new TelemetryHarness(workspace, TelemetryHarness.config(), ContentPolicy.allowAll(),
                ToolApproval.ALLOW, prewarm)) {
            awaitGauge(t, METRIC_SPARES_READY, 1);

            TurnResult first = t.engine.execute(SessionConfig.of("warm-1"), "one", new RecordingEventSink());
            assertThat(first.outcome()).isEqualTo(TurnOutcome.SUCCESS);

            SpanData turn = t.onlySpan(SPAN_TURN);
            assertThat(turn.getAttributes().get(TURN_PREWARMED)).isTrue();
            assertThat(turn.getAttributes().get(TURN_COLD_START)).isFalse();
            assertThat(t.spans(SPAN_PROCESS_START)).as("the spare's start is not the session's").isEmpty();
            assertThat(counter(t.metric(METRIC_SPARES_ADOPTED), null, null)).isEqualTo(1);
            awaitGauge(t, METRIC_SPARES_READY, 1); // refilled
            assertThat(counter(t.metric(METRIC_SPARES_STARTED), null, null)).isEqualTo(2);

            t.engine.setAllowedTools(List.of("Read"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (t.maybeMetric(METRIC_SPARES_RETIRED).isEmpty()) {
                assertThat(System.nanoTime()).as("a spare retired in time").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(counter(t.metric(METRIC_SPARES_RETIRED), SPARE_REASON, "tools-changed")).isEqualTo(1);
        }
    }

    private static void awaitGauge(TelemetryHarness t, String name, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (t.maybeMetric(name).map(TurnTelemetryTest::gauge).orElse(0L) != expected) {
            assertThat(System.nanoTime()).as(name + " reaches " + expected + " in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static EventData event(SpanData span, String name) {
        return span.getEvents().stream().filter(event -> event.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + name + " on " + span.getName() + ": "
                        + span.getEvents().stream().map(EventData::getName).toList()));
    }

    private static long tokenSum(MetricData metric, String type) {
        return (long) metric.getHistogramData().getPoints().stream()
                .filter(point -> type.equals(point.getAttributes().get(GEN_AI_TOKEN_TYPE)))
                .mapToDouble(HistogramPointData::getSum).sum();
    }

    /** The sum of a counter's points, optionally only those whose attribute {@code key} is {@code value}. */
    private static long counter(MetricData metric, AttributeKey<String> key, String value) {
        return metric.getLongSumData().getPoints().stream()
                .filter(point -> key == null || value.equals(point.getAttributes().get(key)))
                .mapToLong(LongPointData::getValue).sum();
    }

    private static long gauge(MetricData metric) {
        return metric.getLongGaugeData().getPoints().stream().mapToLong(LongPointData::getValue).sum();
    }
}
