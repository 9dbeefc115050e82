package dev.hotplex.telemetry;

import dev.hotplex.core.model.BlockLayer;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.model.Verdict;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongGauge;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static dev.hotplex.telemetry.TelemetryNames.*;
import static java.util.Objects.requireNonNull;

/**
 * The metric instruments, created once from a {@link Meter}, with one method per thing worth counting. Attributes are
 * bounded: outcomes, layers, rule ids, decisions, model and tool names; never session ids, prompts or paths.
 */
public final class EngineMetrics implements AutoCloseable {
    private final TelemetryConfig config;
    private final DoubleHistogram tokenUsage;
    private final DoubleHistogram operationDuration;
    private final DoubleHistogram timeToFirstChunk;
    private final DoubleHistogram toolDuration;
    private final DoubleHistogram coldStart;
    private final LongCounter processStarts;
    private final LongCounter processStartFailures;
    private final LongCounter processCrashes;
    private final LongCounter sparesStarted;
    private final LongCounter sparesAdopted;
    private final LongCounter sparesRetired;
    private final LongCounter spareStartFailures;
    private final AtomicLong sparesReady = new AtomicLong();
    private final ObservableLongGauge sparesReadyGauge;
    private final LongCounter turns;
    private final LongCounter timeouts;
    private final LongCounter interrupts;
    private final LongCounter blocks;
    private final LongCounter bypasses;
    private final LongCounter permissionDecisions;
    private final LongCounter rejections;
    private final LongUpDownCounter sseClients;
    private final AtomicLong activeSessions = new AtomicLong();
    private final AtomicLong busySessions = new AtomicLong();
    private final AtomicLong bypassActive = new AtomicLong();
    private final ObservableLongGauge activeGauge;
    private final ObservableLongGauge busyGauge;
    private final ObservableLongGauge bypassGauge;

    public EngineMetrics(Meter meter, TelemetryConfig config) {
        requireNonNull(meter, "meter is null");
        this.config = requireNonNull(config, "config is null");
        tokenUsage = meter.histogramBuilder(METRIC_TOKEN_USAGE).setUnit(UNIT_TOKEN)
                .setDescription("Tokens used per turn, by token type (input includes cache reads and writes).")
                .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS).build();
        operationDuration = meter.histogramBuilder(METRIC_OPERATION_DURATION).setUnit(UNIT_SECONDS)
                .setDescription("Duration of a turn (invoke_agent), from admission to its terminal event.")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
        timeToFirstChunk = meter.histogramBuilder(METRIC_TIME_TO_FIRST_CHUNK).setUnit(UNIT_SECONDS)
                .setDescription("Time from the start of a turn to the agent's first streamed thinking or answer chunk.")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
        toolDuration = meter.histogramBuilder(METRIC_TOOL_DURATION).setUnit(UNIT_SECONDS)
                .setDescription("Duration of a tool call, from tool_use to its tool_result.")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
        coldStart = meter.histogramBuilder(METRIC_COLD_START_DURATION).setUnit(UNIT_SECONDS)
                .setDescription("Time to spawn an agent process until it answered its handshake.")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
        processStarts = meter.counterBuilder(METRIC_PROCESS_STARTS).setUnit(UNIT_PROCESS)
                .setDescription("Agent processes started (cold starts).").build();
        processStartFailures = meter.counterBuilder(METRIC_PROCESS_START_FAILURES).setUnit(UNIT_PROCESS)
                .setDescription("Agent process spawns that failed.").build();
        processCrashes = meter.counterBuilder(METRIC_PROCESS_CRASHES).setUnit(UNIT_PROCESS)
                .setDescription("Agent processes that ended without being asked to.").build();
        sparesStarted = meter.counterBuilder(METRIC_SPARES_STARTED).setUnit(UNIT_PROCESS)
                .setDescription("Spare agent processes started ahead of new sessions.").build();
        sparesAdopted = meter.counterBuilder(METRIC_SPARES_ADOPTED).setUnit(UNIT_PROCESS)
                .setDescription("Spare processes new sessions took over (first turns without a cold start).").build();
        sparesRetired = meter.counterBuilder(METRIC_SPARES_RETIRED).setUnit(UNIT_PROCESS)
                .setDescription("Spare processes ended unused, by reason.").build();
        spareStartFailures = meter.counterBuilder(METRIC_SPARES_START_FAILURES).setUnit(UNIT_PROCESS)
                .setDescription("Spare process starts that failed.").build();
        sparesReadyGauge = meter.gaugeBuilder(METRIC_SPARES_READY).ofLongs().setUnit(UNIT_PROCESS)
                .setDescription("Spare processes ready now.")
                .buildWithCallback(measurement -> measurement.record(sparesReady.get()));
        turns = meter.counterBuilder(METRIC_TURNS).setUnit(UNIT_TURN)
                .setDescription("Turns ended, by outcome.").build();
        timeouts = meter.counterBuilder(METRIC_TURN_TIMEOUTS).setUnit(UNIT_TIMEOUT)
                .setDescription("Turns that exceeded the turn timeout.").build();
        interrupts = meter.counterBuilder(METRIC_INTERRUPTS).setUnit(UNIT_INTERRUPT)
                .setDescription("Interrupts requested for running turns.").build();
        blocks = meter.counterBuilder(METRIC_FIREWALL_BLOCKS).setUnit(UNIT_BLOCK)
                .setDescription("Prompts and tool calls the firewall blocked, by rule and layer.").build();
        bypasses = meter.counterBuilder(METRIC_FIREWALL_BYPASSES).setUnit(UNIT_BYPASS)
                .setDescription("Blocks an admin's danger bypass let through, by rule and layer.").build();
        permissionDecisions = meter.counterBuilder(METRIC_PERMISSION_DECISIONS).setUnit(UNIT_DECISION)
                .setDescription("Tool permission decisions, by decision and source (user, policy, timeout).").build();
        rejections = meter.counterBuilder(METRIC_RESILIENCE_REJECTIONS).setUnit(UNIT_REJECTION)
                .setDescription("Calls Resilience4j refused (rate limiter over budget), by kind and instance.").build();
        sseClients = meter.upDownCounterBuilder(METRIC_SSE_CLIENTS).setUnit(UNIT_CLIENT)
                .setDescription("Server-Sent Events streams open now.").build();
        activeGauge = meter.gaugeBuilder(METRIC_SESSIONS_ACTIVE).ofLongs().setUnit(UNIT_SESSION)
                .setDescription("Live sessions: with an agent process or a running turn.")
                .buildWithCallback(measurement -> measurement.record(activeSessions.get()));
        busyGauge = meter.gaugeBuilder(METRIC_SESSIONS_BUSY).ofLongs().setUnit(UNIT_SESSION)
                .setDescription("Sessions running a turn now.")
                .buildWithCallback(measurement -> measurement.record(busySessions.get()));
        bypassGauge = meter.gaugeBuilder(METRIC_DANGER_BYPASS_ACTIVE).ofLongs().setUnit("1")
                .setDescription("1 while an admin's firewall bypass is on, else 0.")
                .buildWithCallback(measurement -> measurement.record(bypassActive.get()));
    }

    public void processStarted(Duration startDuration, boolean resumed) {
        Attributes attributes = Attributes.of(PROCESS_RESUMED, resumed);
        processStarts.add(1, attributes);
        coldStart.record(seconds(startDuration.toNanos()), attributes);
    }

    public void processStartFailed() {
        processStartFailures.add(1);
    }

    public void spareStarted() {
        sparesStarted.add(1);
        sparesReady.incrementAndGet();
    }

    public void spareAdopted() {
        sparesAdopted.add(1);
        sparesReady.decrementAndGet();
    }

    public void spareRetired(String reason) {
        sparesRetired.add(1, Attributes.of(SPARE_REASON, reason));
        sparesReady.decrementAndGet();
    }

    public void spareStartFailed() {
        spareStartFailures.add(1);
    }

    public void processCrashed() {
        processCrashes.add(1);
    }

    /** Duration, tokens and outcome of a finished turn, from the engine's own figures (the ones sessionStats sums). */
    public void turnFinished(TurnResult result) {
        Optional<String> responseModel = result.stats().model();
        Optional<String> errorType = result.error().map(failure -> failure.code().name());
        AttributesBuilder operation = genAi(responseModel);
        errorType.ifPresent(type -> operation.put(ERROR_TYPE, type));
        operationDuration.record(result.stats().totalMs() / 1000.0, operation.build());
        TokenUsage tokens = result.stats().tokens();
        if (tokens.totalTokens() > 0) {
            tokenUsage.record(inputTokens(tokens), genAi(responseModel).put(GEN_AI_TOKEN_TYPE, TOKEN_TYPE_INPUT).build());
            tokenUsage.record(tokens.outputTokens(),
                    genAi(responseModel).put(GEN_AI_TOKEN_TYPE, TOKEN_TYPE_OUTPUT).build());
        }
        turns.add(1, Attributes.of(TURN_OUTCOME, outcome(result.outcome())));
    }

    public void firstChunk(long nanosSinceTurnStart) {
        timeToFirstChunk.record(seconds(nanosSinceTurnStart), genAi(Optional.empty()).build());
    }

    public void toolFinished(String toolName, long durationMs, boolean isError) {
        AttributesBuilder attributes = Attributes.builder()
                .put(GEN_AI_OPERATION_NAME, OPERATION_EXECUTE_TOOL)
                .put(GEN_AI_PROVIDER_NAME, config.providerName())
                .put(GEN_AI_TOOL_NAME, toolName);
        if (isError) {
            attributes.put(ERROR_TYPE, TOOL_ERROR);
        }
        toolDuration.record(durationMs / 1000.0, attributes.build());
    }

    public void turnTimedOut() {
        timeouts.add(1);
    }

    public void interrupted() {
        interrupts.add(1);
    }

    public void blocked(BlockLayer layer, Verdict.Blocked verdict) {
        blocks.add(1, firewall(layer, verdict));
    }

    public void bypassed(BlockLayer layer, Verdict.Blocked verdict) {
        bypasses.add(1, firewall(layer, verdict));
    }

    public void permissionDecided(boolean allow, String source) {
        permissionDecisions.add(1, Attributes.of(PERMISSION_DECISION, allow ? DECISION_ALLOW : DECISION_DENY,
                PERMISSION_SOURCE, source));
    }

    public void sessionCounts(int active, int busy) {
        activeSessions.set(active);
        busySessions.set(busy);
    }

    public void dangerBypassChanged(boolean enabled) {
        bypassActive.set(enabled ? 1 : 0);
    }

    public void sseClientOpened() {
        sseClients.add(1);
    }

    public void sseClientClosed() {
        sseClients.add(-1);
    }

    public void rejected(String kind, String instanceName) {
        rejections.add(1, Attributes.of(RESILIENCE_KIND, kind, RESILIENCE_NAME, instanceName));
    }

    /** Semantic conventions: input tokens include the cached ones (Anthropic reports those separately). */
    static long inputTokens(TokenUsage tokens) {
        return tokens.inputTokens() + tokens.cacheReadTokens() + tokens.cacheWriteTokens();
    }

    static String outcome(TurnOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    static String layer(BlockLayer layer) {
        return layer.name().toLowerCase(Locale.ROOT);
    }

    /** Stops the gauge callbacks (the SDK keeps calling them otherwise). */
    @Override
    public void close() {
        activeGauge.close();
        busyGauge.close();
        bypassGauge.close();
        sparesReadyGauge.close();
    }

    private AttributesBuilder genAi(Optional<String> responseModel) {
        AttributesBuilder attributes = Attributes.builder()
                .put(GEN_AI_OPERATION_NAME, OPERATION_INVOKE_AGENT)
                .put(GEN_AI_PROVIDER_NAME, config.providerName());
        config.requestModel().ifPresent(model -> attributes.put(GEN_AI_REQUEST_MODEL, model));
        responseModel.ifPresent(model -> attributes.put(GEN_AI_RESPONSE_MODEL, model));
        return attributes;
    }

    private static Attributes firewall(BlockLayer layer, Verdict.Blocked verdict) {
        return Attributes.of(FIREWALL_RULE, verdict.ruleId(), FIREWALL_LAYER, layer(layer));
    }

    private static double seconds(long nanos) {
        return Math.max(0, nanos) / 1_000_000_000.0;
    }
}
