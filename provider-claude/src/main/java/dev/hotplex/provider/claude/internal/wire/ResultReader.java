package dev.hotplex.provider.claude.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.core.model.ModelUsage;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Result;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code type:"result"} lines. Only {@code subtype} is required; counters default to zero. When
 * {@code is_error} is missing, any subtype but {@code success} counts as an error.
 */
final class ResultReader {
    private ResultReader() {
    }

    static Result read(WireObject root) {
        String subtype = root.requiredText("subtype");
        return new Result(
                subtype,
                root.booleanOr("is_error", !subtype.equals("success")),
                root.optionalText("result"),
                root.intOr("num_turns", 0),
                root.longOr("duration_ms", 0),
                root.longOr("duration_api_ms", 0),
                root.optionalText("stop_reason"),
                root.optionalText("terminal_reason"),
                root.optionalText("session_id"),
                root.optionalDecimal("total_cost_usd"),
                root.optionalObject("usage").map(ResultReader::tokenUsage).orElse(TokenUsage.ZERO),
                root.optionalObject("modelUsage").map(ResultReader::modelUsage).orElse(Map.of()),
                root.optionalScalarText("api_error_status"),
                root.optionalText("api_error_type"),
                errors(root),
                root.arraySize("permission_denials"));
    }

    /** {@code errors[]} as text; diagnostics only, so any element shape is accepted. */
    private static List<String> errors(WireObject root) {
        List<String> errors = new ArrayList<>();
        root.optionalNode("errors").filter(JsonNode::isArray).ifPresent(array -> array.forEach(
                error -> errors.add(error.isTextual() ? error.textValue() : error.toString())));
        return errors;
    }

    /** The Messages API's snake_case {@code usage}. */
    private static TokenUsage tokenUsage(WireObject usage) {
        return new TokenUsage(usage.longOr("input_tokens", 0), usage.longOr("output_tokens", 0),
                usage.longOr("cache_creation_input_tokens", 0), usage.longOr("cache_read_input_tokens", 0));
    }

    /** The CLI's camelCase {@code modelUsage}, one entry per model name. */
    private static Map<String, ModelUsage> modelUsage(WireObject models) {
        Map<String, ModelUsage> byModel = new LinkedHashMap<>();
        models.objectFields().forEach((model, usage) -> byModel.put(model, new ModelUsage(
                new TokenUsage(usage.longOr("inputTokens", 0), usage.longOr("outputTokens", 0),
                        usage.longOr("cacheCreationInputTokens", 0), usage.longOr("cacheReadInputTokens", 0)),
                usage.optionalDecimal("costUSD").orElse(BigDecimal.ZERO))));
        return byModel;
    }
}
