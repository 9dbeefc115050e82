package dev.hotplex.core.service;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.ProviderTotals;
import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.model.TurnStats;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TurnStatsRecorderTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void attributesTimeToThePhaseTheEarlierEventOpened() {
        TurnStatsRecorder recorder = new TurnStatsRecorder(T0);
        recorder.record(new AgentEvent.Thinking("hmm", false), at(100));          // 100 ms waiting for the model
        recorder.record(new AgentEvent.ToolUse(new ToolCall("t1", "Bash", Map.of("command", "ls"))), at(400)); // 300 thinking
        AgentEvent result = recorder.record(new AgentEvent.ToolResult("t1", "unknown", "out", false, 0), at(1400)); // 1000 tool
        recorder.record(new AgentEvent.Answer("done", false), at(1500));          // 100 waiting
        TurnStats stats = recorder.finish(at(1700), Optional.empty(), ProviderTotals.NONE, false); // 200 generating

        assertThat(stats.totalMs()).isEqualTo(1700);
        assertThat(stats.thinkingMs()).isEqualTo(300);
        assertThat(stats.toolMs()).isEqualTo(1000);
        assertThat(stats.generationMs()).isEqualTo(200);
        assertThat(result).isEqualTo(new AgentEvent.ToolResult("t1", "Bash", "out", false, 1000));
        assertThat(stats.toolCallCount()).isEqualTo(1);
        assertThat(stats.toolsUsed()).containsExactly("Bash");
    }

    @Test
    void recordsFilesGivenToFileWritingTools() {
        TurnStatsRecorder recorder = new TurnStatsRecorder(T0);
        recorder.record(new AgentEvent.ToolUse(new ToolCall("a", "Write", Map.of("file_path", "/w/a.txt"))), at(1));
        recorder.record(new AgentEvent.ToolUse(new ToolCall("b", "Edit", Map.of("file_path", "/w/b.txt"))), at(2));
        recorder.record(new AgentEvent.ToolUse(new ToolCall("c", "Write", Map.of("file_path", "/w/a.txt"))), at(3));
        recorder.record(new AgentEvent.ToolUse(new ToolCall("d", "NotebookEdit", Map.of("notebook_path", "/w/n.ipynb"))), at(4));
        recorder.record(new AgentEvent.ToolUse(new ToolCall("e", "Read", Map.of("file_path", "/w/r.txt"))), at(5));
        TurnStats stats = recorder.finish(at(6), Optional.empty(), ProviderTotals.NONE, false);

        assertThat(stats.filesModified()).containsExactly("/w/a.txt", "/w/b.txt", "/w/n.ipynb");
        assertThat(stats.toolCallCount()).isEqualTo(5);
        assertThat(stats.toolsUsed()).containsExactly("Edit", "NotebookEdit", "Read", "Write");
    }

    @Test
    void prefersWholeAnswerBlocksOverStreamedFragments() {
        TurnStatsRecorder streamedOnly = new TurnStatsRecorder(T0);
        streamedOnly.record(new AgentEvent.Answer("Hel", true), at(1));
        streamedOnly.record(new AgentEvent.Answer("lo", true), at(2));
        assertThat(streamedOnly.answerText()).isEqualTo("Hello");

        TurnStatsRecorder both = new TurnStatsRecorder(T0);
        both.record(new AgentEvent.Answer("Hel", true), at(1));
        both.record(new AgentEvent.Answer("lo", true), at(2));
        both.record(new AgentEvent.Answer("Hello", false), at(3));
        assertThat(both.answerText()).isEqualTo("Hello");
    }

    @Test
    void aResultWithoutItsToolUseIsPassedThrough() {
        TurnStatsRecorder recorder = new TurnStatsRecorder(T0);
        AgentEvent.ToolResult orphan = new AgentEvent.ToolResult("zz", "unknown", "x", true, 0);
        assertThat(recorder.record(orphan, at(5))).isEqualTo(orphan);
    }
}
