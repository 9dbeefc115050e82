package dev.hotplex.telemetry;

import io.opentelemetry.api.common.AttributeKey;

import java.util.List;

/**
 * Every span name, event name, metric name, unit and attribute key hotplex emits, in one place: a rename is a one-line
 * change here and in docs/OBSERVABILITY.md. GenAI names follow the OpenTelemetry GenAI semantic conventions (status
 * "Development"); {@code hotplex.*} names are ours. Metric attributes never carry session ids, prompts or paths, so
 * every series has a bounded number of label sets.
 */
public final class TelemetryNames {
    /** Instrumentation scope of every span and metric. */
    public static final String SCOPE = "dev.hotplex";

    // ---- spans and span events ----------------------------------------------------------------------------------------

    public static final String OPERATION_INVOKE_AGENT = "invoke_agent";
    public static final String OPERATION_EXECUTE_TOOL = "execute_tool";
    /** The turn span's name. */
    public static final String SPAN_TURN = OPERATION_INVOKE_AGENT;
    /** Tool spans are named {@code execute_tool <tool name>}. */
    public static final String SPAN_TOOL_PREFIX = OPERATION_EXECUTE_TOOL + " ";
    /** A process spawn, from launch to the CLI's handshake: the cold start. */
    public static final String SPAN_PROCESS_START = "start_process";

    public static final String EVENT_FIREWALL_BLOCK = "hotplex.firewall.block";
    public static final String EVENT_FIREWALL_BYPASS = "hotplex.firewall.bypass";
    public static final String EVENT_PERMISSION_DECISION = "hotplex.permission.decision";
    public static final String EVENT_PERMISSION_REQUEST = "hotplex.permission.request";
    public static final String EVENT_INTERRUPT = "hotplex.turn.interrupt";
    public static final String EVENT_TIMEOUT = "hotplex.turn.timeout";
    public static final String EVENT_FIRST_CHUNK = "gen_ai.first_chunk";

    // ---- GenAI semantic-convention attributes -----------------------------------------------------------------------------

    public static final AttributeKey<String> GEN_AI_OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
    public static final AttributeKey<String> GEN_AI_PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
    public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    public static final AttributeKey<String> GEN_AI_CONVERSATION_ID = AttributeKey.stringKey("gen_ai.conversation.id");
    public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS =
            AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
    public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS =
            AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
    public static final AttributeKey<Double> GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK =
            AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk");
    public static final AttributeKey<String> GEN_AI_TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    public static final AttributeKey<String> GEN_AI_TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    public static final AttributeKey<String> GEN_AI_TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
    public static final AttributeKey<String> GEN_AI_TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");
    /** Opt-in content ({@code telemetry.capture-content}): never recorded by default. */
    public static final AttributeKey<String> GEN_AI_INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    public static final AttributeKey<String> GEN_AI_OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    public static final AttributeKey<String> GEN_AI_TOOL_CALL_ARGUMENTS = AttributeKey.stringKey("gen_ai.tool.call.arguments");
    public static final AttributeKey<String> GEN_AI_TOOL_CALL_RESULT = AttributeKey.stringKey("gen_ai.tool.call.result");
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    public static final String TOKEN_TYPE_INPUT = "input";
    public static final String TOKEN_TYPE_OUTPUT = "output";
    public static final String TOOL_TYPE_FUNCTION = "function";
    /** {@code error.type} of a tool whose result is an error. */
    public static final String TOOL_ERROR = "tool_error";

    // ---- hotplex attributes -----------------------------------------------------------------------------------------

    public static final AttributeKey<String> TURN_ID = AttributeKey.stringKey("hotplex.turn.id");
    public static final AttributeKey<String> TURN_OUTCOME = AttributeKey.stringKey("hotplex.turn.outcome");
    public static final AttributeKey<Boolean> TURN_COLD_START = AttributeKey.booleanKey("hotplex.turn.cold_start");
    public static final AttributeKey<Boolean> TURN_PREWARMED = AttributeKey.booleanKey("hotplex.turn.prewarmed");
    public static final AttributeKey<Double> TURN_COST_USD = AttributeKey.doubleKey("hotplex.turn.cost_usd");
    public static final AttributeKey<Long> TURN_TOOL_CALLS = AttributeKey.longKey("hotplex.turn.tool_calls");
    public static final AttributeKey<Long> TURN_FILES_MODIFIED = AttributeKey.longKey("hotplex.turn.files_modified");
    public static final AttributeKey<Long> TURN_AGENT_TURNS = AttributeKey.longKey("hotplex.turn.agent_turns");
    public static final AttributeKey<Long> TURN_THINKING_MS = AttributeKey.longKey("hotplex.turn.thinking_ms");
    public static final AttributeKey<Long> TURN_TOOL_MS = AttributeKey.longKey("hotplex.turn.tool_ms");
    public static final AttributeKey<Long> TURN_GENERATION_MS = AttributeKey.longKey("hotplex.turn.generation_ms");
    public static final AttributeKey<Boolean> PROCESS_RESUMED = AttributeKey.booleanKey("hotplex.process.resumed");
    public static final AttributeKey<Long> PROCESS_PID = AttributeKey.longKey("process.pid");
    public static final AttributeKey<String> FIREWALL_RULE = AttributeKey.stringKey("hotplex.firewall.rule");
    public static final AttributeKey<String> FIREWALL_LAYER = AttributeKey.stringKey("hotplex.firewall.layer");
    public static final AttributeKey<String> FIREWALL_CATEGORY = AttributeKey.stringKey("hotplex.firewall.category");
    public static final AttributeKey<String> FIREWALL_SEVERITY = AttributeKey.stringKey("hotplex.firewall.severity");
    public static final AttributeKey<String> PERMISSION_DECISION = AttributeKey.stringKey("hotplex.permission.decision");
    public static final AttributeKey<String> PERMISSION_SOURCE = AttributeKey.stringKey("hotplex.permission.source");
    public static final AttributeKey<String> PERMISSION_REQUEST_ID = AttributeKey.stringKey("hotplex.permission.request_id");
    public static final AttributeKey<String> SPARE_REASON = AttributeKey.stringKey("hotplex.spare.reason");
    public static final AttributeKey<String> RESILIENCE_KIND = AttributeKey.stringKey("hotplex.resilience.kind");
    public static final AttributeKey<String> RESILIENCE_NAME = AttributeKey.stringKey("hotplex.resilience.name");

    public static final String DECISION_ALLOW = "allow";
    public static final String DECISION_DENY = "deny";
    public static final String RESILIENCE_RATE_LIMITER = "rate_limiter";

    // ---- metrics: GenAI semantic conventions ------------------------------------------------------------------------

    public static final String METRIC_TOKEN_USAGE = "gen_ai.client.token.usage";
    public static final String METRIC_OPERATION_DURATION = "gen_ai.client.operation.duration";
    public static final String METRIC_TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";
    public static final String METRIC_TOOL_DURATION = "gen_ai.execute_tool.duration";

    // ---- metrics: engine --------------------------------------------------------------------------------------------

    public static final String METRIC_SESSIONS_ACTIVE = "hotplex.sessions.active";
    public static final String METRIC_SESSIONS_BUSY = "hotplex.sessions.busy";
    public static final String METRIC_PROCESS_STARTS = "hotplex.process.starts";
    public static final String METRIC_PROCESS_START_FAILURES = "hotplex.process.start_failures";
    public static final String METRIC_COLD_START_DURATION = "hotplex.process.cold_start.duration";
    public static final String METRIC_PROCESS_CRASHES = "hotplex.process.crashes";
    public static final String METRIC_SPARES_READY = "hotplex.spares.ready";
    public static final String METRIC_SPARES_STARTED = "hotplex.spares.started";
    public static final String METRIC_SPARES_ADOPTED = "hotplex.spares.adopted";
    public static final String METRIC_SPARES_RETIRED = "hotplex.spares.retired";
    public static final String METRIC_SPARES_START_FAILURES = "hotplex.spares.start_failures";
    public static final String METRIC_TURNS = "hotplex.turns";
    public static final String METRIC_TURN_TIMEOUTS = "hotplex.turn.timeouts";
    public static final String METRIC_INTERRUPTS = "hotplex.turn.interrupts";
    public static final String METRIC_FIREWALL_BLOCKS = "hotplex.firewall.blocks";
    public static final String METRIC_FIREWALL_BYPASSES = "hotplex.firewall.bypasses";
    public static final String METRIC_DANGER_BYPASS_ACTIVE = "hotplex.firewall.bypass.active";
    public static final String METRIC_PERMISSION_DECISIONS = "hotplex.permission.decisions";
    public static final String METRIC_SSE_CLIENTS = "hotplex.http.sse.clients";
    public static final String METRIC_RESILIENCE_REJECTIONS = "hotplex.resilience.rejections";

    // ---- units (UCUM, as the semantic conventions write them) -------------------------------------------------------

    public static final String UNIT_SECONDS = "s";
    public static final String UNIT_TOKEN = "{token}";
    public static final String UNIT_SESSION = "{session}";
    public static final String UNIT_PROCESS = "{process}";
    public static final String UNIT_TURN = "{turn}";
    public static final String UNIT_BLOCK = "{block}";
    public static final String UNIT_DECISION = "{decision}";
    public static final String UNIT_CLIENT = "{client}";
    public static final String UNIT_REJECTION = "{rejection}";
    public static final String UNIT_INTERRUPT = "{interrupt}";
    public static final String UNIT_TIMEOUT = "{timeout}";
    public static final String UNIT_BYPASS = "{bypass}";

    // ---- histogram buckets ------------------------------------------------------------------------------------------

    /** The semantic conventions' advice for token counts: 1, 4, 16, ... 67108864. */
    public static final List<Double> TOKEN_BUCKETS = List.of(1d, 4d, 16d, 64d, 256d, 1024d, 4096d, 16384d, 65536d,
            262144d, 1048576d, 4194304d, 16777216d, 67108864d);
    /**
     * The semantic conventions' advice for durations (0.01 ... 81.92 s), continued to about 22 minutes because an
     * agent's turn (many model calls and tools) often runs for minutes, and a 10-minute turn timeout must still land
     * in a finite bucket.
     */
    public static final List<Double> DURATION_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
            5.12, 10.24, 20.48, 40.96, 81.92, 163.84, 327.68, 655.36, 1310.72);

    private TelemetryNames() {
    }
}
