package dev.hotplex.provider.codex.internal.wire;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.TokenUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TestCodexDecoderOnTranscripts {

    private static List<Inbound> decode(String transcript) {
        CodexDecoder decoder = CodexWire.create().newDecoder();
        return Transcripts.serverLines(transcript).stream().map(decoder::decode).toList();
    }

    private static List<AgentEvent> events(List<Inbound> inbound) {
        return inbound.stream().filter(Inbound.Events.class::isInstance).map(Inbound.Events.class::cast)
                .flatMap(events -> events.events().stream()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"codex-app-server-hello.jsonl", "codex-app-server-tool.jsonl",
            "codex-app-server-approval-decline.jsonl", "codex-app-server-think.jsonl",
            "codex-app-server-file-change-approval.jsonl"})
    void every_recorded_line_decodes_and_nothing_is_left_unmodelled(String transcript) {
        List<Inbound> inbound = decode(transcript);

        assertThat(inbound).isNotEmpty();
        assertThat(inbound).noneMatch(Inbound.Malformed.class::isInstance);
        assertThat(events(inbound)).noneMatch(AgentEvent.Raw.class::isInstance);
        assertThat(inbound).filteredOn(Inbound.TurnEnded.class::isInstance).isNotEmpty()
                .allMatch(ended -> ((Inbound.TurnEnded) ended).status().equals("completed"));
    }

    @Test
    void hello_streams_answer_deltas_never_repeated_whole_and_cumulative_usage() {
        List<Inbound> inbound = decode("codex-app-server-hello.jsonl");

        List<AgentEvent.Answer> answers = events(inbound).stream().filter(AgentEvent.Answer.class::isInstance)
                .map(AgentEvent.Answer.class::cast).toList();
        assertThat(answers.stream().filter(AgentEvent.Answer::delta).map(AgentEvent.Answer::text)
                .collect(Collectors.joining())).isEqualTo("Hello from the fake model.");
        assertThat(answers).as("the completed message repeats nothing already streamed").allMatch(AgentEvent.Answer::delta);
        assertThat(inbound).filteredOn(Inbound.Response.class::isInstance).map(Inbound.Response.class::cast)
                .filteredOn(response -> response.id() == 2).singleElement()
                .satisfies(response -> assertThat(response.threadId()).contains("01a20d02-a96f-7610-b093-aa9614a7fcf5"));
        assertThat(inbound).filteredOn(Inbound.TokenTotals.class::isInstance).map(Inbound.TokenTotals.class::cast)
                .extracting(Inbound.TokenTotals::total).containsExactly(new TokenUsage(11, 6, 0, 0));
        assertThat(inbound).filteredOn(Inbound.TurnEnded.class::isInstance).map(Inbound.TurnEnded.class::cast)
                .singleElement().satisfies(ended -> {
                    assertThat(ended.turnId()).isEqualTo("01a20d02-a9ad-7153-9707-beb83580a23b");
                    assertThat(ended.lastAnswer()).contains("Hello from the fake model.");
                });
    }

    @Test
    void a_command_becomes_a_bash_tool_use_and_its_result_with_the_inner_command_and_duration() {
        List<AgentEvent> events = events(decode("codex-app-server-tool.jsonl"));

        AgentEvent.ToolUse use = events.stream().filter(AgentEvent.ToolUse.class::isInstance)
                .map(AgentEvent.ToolUse.class::cast).findFirst().orElseThrow();
        assertThat(use.call().toolName()).isEqualTo("Bash");
        assertThat(use.call().stringInput("command")).contains("echo hello-from-tool");
        AgentEvent.ToolResult result = events.stream().filter(AgentEvent.ToolResult.class::isInstance)
                .map(AgentEvent.ToolResult.class::cast).findFirst().orElseThrow();
        assertThat(result.toolUseId()).isEqualTo(use.call().toolUseId());
        assertThat(result.output()).contains("hello-from-tool");
        assertThat(result.isError()).isFalse();
        assertThat(result.durationMs()).isPositive();
        assertThat(events.indexOf(use)).isLessThan(events.indexOf(result));
    }

    @Test
    void an_approval_request_carries_the_started_command_and_a_decline_ends_the_tool_as_an_error() {
        List<Inbound> inbound = decode("codex-app-server-approval-decline.jsonl");

        Inbound.Approval approval = inbound.stream().filter(Inbound.Approval.class::isInstance)
                .map(Inbound.Approval.class::cast).findFirst().orElseThrow();
        assertThat(approval.rpcId()).isEqualTo("0");
        assertThat(approval.call().toolName()).isEqualTo("Bash");
        assertThat(approval.call().stringInput("command")).contains("touch made.txt");
        assertThat(events(inbound)).filteredOn(AgentEvent.ToolResult.class::isInstance)
                .map(AgentEvent.ToolResult.class::cast).singleElement()
                .satisfies(result -> {
                    assertThat(result.isError()).isTrue();
                    assertThat(result.toolUseId()).isEqualTo(approval.call().toolUseId());
                });
    }

    @Test
    void a_file_change_is_an_edit_whose_approval_carries_the_path_from_the_started_item() {
        List<Inbound> inbound = decode("codex-app-server-file-change-approval.jsonl");

        Inbound.Approval approval = inbound.stream().filter(Inbound.Approval.class::isInstance)
                .map(Inbound.Approval.class::cast).findFirst().orElseThrow();
        assertThat(approval.call().toolName()).isEqualTo("Edit");
        assertThat(approval.call().stringInput("file_path")).hasValueSatisfying(path -> assertThat(path)
                .endsWith("/hotplex-fake-write.txt"));
        assertThat(events(inbound)).filteredOn(AgentEvent.ToolResult.class::isInstance)
                .map(AgentEvent.ToolResult.class::cast).singleElement()
                .satisfies(result -> assertThat(result.isError()).isFalse());
    }

    @Test
    void reasoning_summaries_become_thinking() {
        List<AgentEvent> events = events(decode("codex-app-server-think.jsonl"));

        assertThat(events).filteredOn(AgentEvent.Thinking.class::isInstance).map(AgentEvent.Thinking.class::cast)
                .extracting(AgentEvent.Thinking::text, AgentEvent.Thinking::delta)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Let me think about this.", true));
    }
}
