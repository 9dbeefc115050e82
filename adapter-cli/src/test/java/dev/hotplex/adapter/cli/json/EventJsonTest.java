package dev.hotplex.adapter.cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.BlockLayer;
import dev.hotplex.core.model.ModelUsage;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionStats;
import dev.hotplex.core.model.Severity;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.model.TurnStats;
import dev.hotplex.core.model.Verdict;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class EventJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TurnStats TURN = new TurnStats(1500, 200, 300, 1000, new TokenUsage(10, 20, 3, 4),
            Optional.of(new BigDecimal("0.0123")), Map.of("m1", new ModelUsage(new TokenUsage(10, 20, 3, 4),
            new BigDecimal("0.0123"))), 2, List.of("Bash"), List.of("a.txt"), Optional.of("m1"), 3, false);

    @Test
    void everyEventHasItsWireNameSeqAndAllFields() throws Exception {
        SessionId id = SessionId.of("s1");
        ToolCall call = new ToolCall("t1", "Bash", Map.of("command", "ls"));
        List<AgentEvent> events = List.of(
                new AgentEvent.SessionStart(id, "p-1", true, false, OptionalLong.of(42), Path.of("/ws/s1"), false),
                new AgentEvent.Thinking("hmm", true),
                new AgentEvent.Answer("yes", false),
                new AgentEvent.ToolUse(call),
                new AgentEvent.ToolResult("t1", "Bash", "out", true, 77),
                new AgentEvent.PermissionRequest("r1", call, Optional.empty()),
                new AgentEvent.DangerBlock(BlockLayer.TOOL_CALL, new Verdict.Blocked("p.r", "cat", Severity.HIGH,
                        "why", "rm", "don't"), Optional.of("t1")),
                new AgentEvent.SessionStatsEvent(TURN, SessionStats.empty(id).plus(TURN)),
                new AgentEvent.ErrorEvent(StandardErrorCode.TURN_TIMEOUT, "too slow", TurnStats.EMPTY),
                new AgentEvent.Raw("system", "{\"a\":1}"));

        for (int i = 0; i < events.size(); i++) {
            JsonNode node = JSON.readTree(EventJson.line(events.get(i), i + 1));
            assertThat(node.get("event").asText()).isEqualTo(events.get(i).wireName());
            assertThat(node.get("seq").asInt()).isEqualTo(i + 1);
            assertThat(node.get("data").isObject()).isTrue();
        }
        assertThat(EventJson.line(events.get(0), 1)).isEqualTo("{\"event\":\"session_start\",\"seq\":1,\"data\":{"
                + "\"session_id\":\"s1\",\"provider_session_id\":\"p-1\",\"cold_start\":true,\"resumed\":false,\"prewarmed\":false,"
                + "\"pid\":42,\"work_dir\":\"/ws/s1\"}}");
        assertThat(EventJson.line(events.get(4), 5)).contains("\"is_error\":true", "\"duration_ms\":77");
        assertThat(EventJson.line(events.get(5), 6)).contains("\"request_id\":\"r1\"", "\"input\":{\"command\":\"ls\"}",
                "\"description\":null");
        assertThat(EventJson.line(events.get(6), 7)).contains("\"layer\":\"TOOL_CALL\"", "\"rule_id\":\"p.r\"",
                "\"severity\":\"HIGH\"", "\"matched\":\"rm\"", "\"suggestion\":\"don't\"", "\"tool_use_id\":\"t1\"");
        assertThat(EventJson.line(events.get(8), 9)).contains("\"code\":\"TURN_TIMEOUT\"", "\"cost_usd\":null");
        assertThat(EventJson.line(events.get(9), 10)).contains("\"type\":\"system\"", "\"json\":\"{\\\"a\\\":1}\"");
    }

    @Test
    void statsCarryDurationsInMillisAndCostsAsNumbers() throws Exception {
        JsonNode turn = JSON.readTree(EventJson.line(new AgentEvent.SessionStatsEvent(TURN,
                SessionStats.empty(SessionId.of("s1")).plus(TURN)), 1)).get("data").get("turn");

        assertThat(turn.get("total_ms").asLong()).isEqualTo(1500);
        assertThat(turn.get("thinking_ms").asLong()).isEqualTo(200);
        assertThat(turn.get("tool_ms").asLong()).isEqualTo(300);
        assertThat(turn.get("generation_ms").asLong()).isEqualTo(1000);
        assertThat(turn.get("cost_usd").isNumber()).isTrue();
        assertThat(turn.get("cost_usd").decimalValue()).isEqualByComparingTo("0.0123");
        assertThat(turn.get("tokens").toString()).isEqualTo("{\"input\":10,\"output\":20,\"cache_write\":3,\"cache_read\":4}");
        assertThat(turn.get("model_usage").get("m1").get("cost_usd").isNumber()).isTrue();
        assertThat(turn.get("model").asText()).isEqualTo("m1");
        assertThat(turn.get("agent_turns").asInt()).isEqualTo(3);
        assertThat(turn.get("files_modified").get(0).asText()).isEqualTo("a.txt");
    }

    @Test
    void toolInputsAreSummarisedByWhatTheyActOn() {
        assertThat(ToolInputs.summary(new ToolCall("1", "Bash", Map.of("command", "ls -la\n| wc")))).isEqualTo("ls -la | wc");
        assertThat(ToolInputs.summary(new ToolCall("1", "Write", Map.of("file_path", "a.txt", "content", "x"))))
                .isEqualTo("a.txt");
        assertThat(ToolInputs.summary(new ToolCall("1", "Edit", Map.of("file_path", "b.txt")))).isEqualTo("b.txt");
        assertThat(ToolInputs.summary(new ToolCall("1", "Grep", Map.of("pattern", "x")))).isEqualTo("{\"pattern\":\"x\"}");
        String longOne = ToolInputs.summary(new ToolCall("1", "WebFetch", Map.of("url", "u".repeat(500))));
        assertThat(longOne).hasSize(ToolInputs.MAX_CHARS).endsWith("…");
    }
}
