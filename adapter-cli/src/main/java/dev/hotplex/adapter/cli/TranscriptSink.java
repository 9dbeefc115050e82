package dev.hotplex.adapter.cli;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.TurnStats;
import dev.hotplex.core.port.in.EventSink;

import java.io.PrintWriter;
import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/** Prints a turn as a readable transcript while it happens. */
final class TranscriptSink implements EventSink {
    private static final int MAX_TOOL_OUTPUT_CHARS = 400;

    private final PrintWriter out;
    private final PrintWriter err;
    private boolean answerStreaming;

    TranscriptSink(PrintWriter out, PrintWriter err) {
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
    }

    @Override
    public void accept(AgentEvent event) {
        switch (event) {
            case AgentEvent.Answer answer -> printAnswer(answer);
            case AgentEvent.Thinking thinking -> {
                if (!thinking.delta()) {
                    line("· thinking: " + thinking.text().strip());
                }
            }
            case AgentEvent.ToolUse toolUse -> line("→ " + toolUse.call().toolName() + " " + toolUse.call().input());
            case AgentEvent.ToolResult result -> line("← " + (result.isError() ? "error" : "ok") + " (" + result.durationMs()
                    + " ms) " + shorten(result.output()));
            case AgentEvent.PermissionRequest request -> line("? " + request.call().toolName()
                    + " asks for permission (request " + request.requestId() + ")");
            case AgentEvent.DangerBlock block -> line("✗ blocked by " + block.verdict().ruleId() + ": "
                    + block.verdict().reason() + " — " + block.verdict().suggestion());
            case AgentEvent.SessionStatsEvent stats -> line(statsLine(stats.turn()));
            case AgentEvent.ErrorEvent error -> {
                endAnswer();
                err.println("✗ " + error.code().name() + ": " + error.message());
                err.flush();
            }
            case AgentEvent.SessionStart start -> {
                // shown only through the stats line; the transcript stays quiet about plumbing
            }
            case AgentEvent.Raw raw -> {
                // unknown provider messages are for --json consumers
            }
        }
        out.flush();
    }

    private void printAnswer(AgentEvent.Answer answer) {
        if (answer.delta()) {
            out.print(answer.text());
            answerStreaming = true;
        } else if (!answerStreaming) {
            out.println(answer.text());
        }
    }

    private void line(String text) {
        endAnswer();
        out.println(text);
    }

    private void endAnswer() {
        if (answerStreaming) {
            out.println();
            answerStreaming = false;
        }
    }

    private static String statsLine(TurnStats turn) {
        String cost = turn.costUsd().map(BigDecimal::toPlainString).map(c -> " · $" + c).orElse("");
        return "— " + turn.totalMs() + " ms · " + turn.tokens().inputTokens() + " in / " + turn.tokens().outputTokens()
                + " out tokens · " + turn.toolCallCount() + " tool calls" + cost;
    }

    private static String shorten(String text) {
        String flat = text.replace('\n', ' ').strip();
        return flat.length() <= MAX_TOOL_OUTPUT_CHARS ? flat : flat.substring(0, MAX_TOOL_OUTPUT_CHARS) + "…";
    }
}
