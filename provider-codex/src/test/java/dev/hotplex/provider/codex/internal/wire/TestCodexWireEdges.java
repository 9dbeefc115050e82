package dev.hotplex.provider.codex.internal.wire;

import dev.hotplex.core.model.AgentEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TestCodexWireEdges {
    private final CodexWire wire = CodexWire.create();
    private final CodexDecoder decoder = wire.newDecoder();

    @Test
    void bad_lines_are_malformed_never_thrown() {
        assertThat(decoder.decode("not json")).isInstanceOf(Inbound.Malformed.class);
        assertThat(decoder.decode("[1,2]")).isInstanceOf(Inbound.Malformed.class);
        assertThat(decoder.decode("{}")).isInstanceOf(Inbound.Malformed.class);
        assertThat(decoder.decode("{\"id\":\"x\",\"result\":{}}")).isInstanceOf(Inbound.Malformed.class);
    }

    @Test
    void an_unknown_notification_is_kept_raw_and_an_unknown_request_gets_an_error_answer() {
        assertThat(decoder.decode("{\"method\":\"future/thing\",\"params\":{}}"))
                .isEqualTo(new Inbound.Events(java.util.List.of(new AgentEvent.Raw("future/thing",
                        "{\"method\":\"future/thing\",\"params\":{}}"))));
        Inbound request = decoder.decode("{\"id\":\"r-7\",\"method\":\"item/tool/requestUserInput\",\"params\":{}}");
        assertThat(request).isEqualTo(new Inbound.UnsupportedRequest("\"r-7\"", "item/tool/requestUserInput"));
        assertThat(wire.encoder().unsupported("\"r-7\"", "item/tool/requestUserInput"))
                .startsWith("{\"id\":\"r-7\",\"error\":{\"code\":-32601,");
    }

    @Test
    void a_failed_turn_and_a_refused_request_keep_their_messages() {
        assertThat(decoder.decode("{\"method\":\"turn/completed\",\"params\":{\"turn\":{\"id\":\"t1\",\"items\":[],"
                + "\"status\":\"failed\",\"error\":{\"message\":\"quota exceeded\"}}}}"))
                .isEqualTo(new Inbound.TurnEnded("t1", "failed", Optional.empty(), Optional.of("quota exceeded")));
        assertThat(decoder.decode("{\"id\":3,\"error\":{\"code\":-32600,\"message\":\"no such thread\"}}"))
                .isEqualTo(new Inbound.Response(3, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("no such thread")));
    }

    @Test
    void requests_have_no_jsonrpc_field_and_answers_echo_the_servers_id_verbatim() {
        String start = wire.encoder().threadStart(2, new ThreadSettings(Optional.of("gpt-5.5"), "read-only", "never"),
                Path.of("/tmp/ws"), Optional.of("be brief"));
        assertThat(start).isEqualTo("{\"id\":2,\"method\":\"thread/start\",\"params\":{\"cwd\":\"/tmp/ws\","
                + "\"approvalPolicy\":\"never\",\"sandbox\":\"read-only\",\"model\":\"gpt-5.5\","
                + "\"developerInstructions\":\"be brief\"}}");
        assertThat(wire.encoder().turnStart(3, "th", "say \"hi\"\n")).isEqualTo("{\"id\":3,\"method\":\"turn/start\","
                + "\"params\":{\"threadId\":\"th\",\"input\":[{\"type\":\"text\",\"text\":\"say \\\"hi\\\"\\n\"}]}}");
        assertThat(wire.encoder().approval("0", true)).isEqualTo("{\"id\":0,\"result\":{\"decision\":\"accept\"}}");
        assertThat(wire.encoder().approval("\"a\"", false)).isEqualTo("{\"id\":\"a\",\"result\":{\"decision\":\"decline\"}}");
        assertThat(start).doesNotContain("jsonrpc");
    }

    @Test
    void the_login_shell_wrapper_is_taken_off_so_tool_rules_see_the_real_command() {
        assertThat(ItemMapper.innerCommand("/bin/bash -lc 'git log --oneline'")).isEqualTo("git log --oneline");
        assertThat(ItemMapper.innerCommand("/bin/bash -lc 'echo '\\''quoted'\\'''")).isEqualTo("echo 'quoted'");
        assertThat(ItemMapper.innerCommand("ls -la")).isEqualTo("ls -la");
    }

    @Test
    void a_completed_message_sends_only_what_its_deltas_missed_and_an_unstreamed_one_whole() {
        decoder.decode("{\"method\":\"item/agentMessage/delta\",\"params\":{\"itemId\":\"m1\",\"delta\":\"Hel\"}}");
        assertThat(decoder.decode("{\"method\":\"item/completed\",\"params\":{\"item\":{\"type\":\"agentMessage\","
                + "\"id\":\"m1\",\"text\":\"Hello\"}}}"))
                .isEqualTo(new Inbound.Events(java.util.List.of(new AgentEvent.Answer("lo", true))));
        assertThat(decoder.decode("{\"method\":\"item/completed\",\"params\":{\"item\":{\"type\":\"agentMessage\","
                + "\"id\":\"m2\",\"text\":\"Whole\"}}}"))
                .isEqualTo(new Inbound.Events(java.util.List.of(new AgentEvent.Answer("Whole", false))));
    }

    @Test
    void cached_input_is_split_from_fresh_input() {
        Inbound totals = decoder.decode("{\"method\":\"thread/tokenUsage/updated\",\"params\":{\"tokenUsage\":{\"total\":"
                + "{\"inputTokens\":100,\"cachedInputTokens\":40,\"cacheWriteInputTokens\":5,\"outputTokens\":7}}}}");
        assertThat(totals).isEqualTo(new Inbound.TokenTotals(new dev.hotplex.core.model.TokenUsage(60, 7, 5, 40)));
    }
}
