package dev.hotplex.adapter.cli;

import dev.hotplex.adapter.cli.json.ToolInputs;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.TurnStats;
import dev.hotplex.core.port.in.EventSink;

import java.io.PrintWriter;
import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/**
 * Prints a turn as a readable transcript while it happens: thinking (dimmed on a terminal), tool calls with what they
 * act on, their results, the answer as it streams, and a stats line at the end. Streamed fragments are printed as
 * they come and the whole block that repeats them is skipped, so nothing shows twice.
 */
final class TranscriptSink implements EventSink {
    private static final int MAX_TOOL_OUTPUT_CHARS = 400;
    private static final String DIM = "\u001b[2m";
    private static final String RESET = "\u001b[0m";

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean color;
    private final Runnable beforeOutput;
    private boolean answerStreaming;
    private boolean thinkingStreaming;
    private boolean answerStreamed;
    private boolean thinkingStreamed;
    /** Whether anything of the turn was shown: a turn that failed before it began has no stats worth a line. */
    private boolean shown;

    TranscriptSink(PrintWriter out, PrintWriter err, boolean color, Runnable beforeOutput) {
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
        this.color = color;
        this.beforeOutput = requireNonNull(beforeOutput, "beforeOutput is null");
    }

    TranscriptSink(PrintWriter out, PrintWriter err) {
        this(out, err, false, () -> { });
    }

    @Override
    public void accept(AgentEvent event) {
        if (event instanceof AgentEvent.SessionStart || event instanceof AgentEvent.Raw) {
            return; // plumbing and unmodelled messages are for --json consumers
        }
        beforeOutput.run();
        if (!(event instanceof AgentEvent.ErrorEvent)) {
            shown = true;
        }
        switch (event) {
            case AgentEvent.Answer answer -> printAnswer(answer);
            case AgentEvent.Thinking thinking -> printThinking(thinking);
            case AgentEvent.ToolUse toolUse -> line("→ " + toolUse.call().toolName() + " "
                    + ToolInputs.summary(toolUse.call()));
            case AgentEvent.ToolResult result -> line("← " + (result.isError() ? "error" : "ok") + " ("
                    + result.durationMs() + " ms) " + shorten(result.output()));
            case AgentEvent.PermissionRequest request -> line("? " + request.call().toolName() + " "
                    + ToolInputs.summary(request.call()) + " asks for permission (request " + request.requestId() + ")"
                    + request.description().map(d -> ": " + d).orElse(""));
            case AgentEvent.DangerBlock block -> line("✗ blocked by " + block.verdict().ruleId() + ": "
                    + block.verdict().reason() + " — " + block.verdict().suggestion());
            case AgentEvent.SessionStatsEvent stats -> line(dim(statsLine(stats.turn())));
            case AgentEvent.ErrorEvent error -> {
                endStreams();
                err.println("✗ " + error.code().name() + ": " + error.message());
                err.flush();
                if (shown || error.turn().tokens().outputTokens() > 0) {
                    out.println(dim(statsLine(error.turn())));
                }
            }
            case AgentEvent.SessionStart start -> {
                // filtered above
            }
            case AgentEvent.Raw raw -> {
                // filtered above
            }
        }
        out.flush();
    }

    private void printAnswer(AgentEvent.Answer answer) {
        if (answer.delta()) {
            endThinking();
            out.print(answer.text());
            answerStreaming = true;
            answerStreamed = true;
        } else if (!answerStreamed) {
            line(answer.text());
        } else {
            endStreams(); // the whole block repeats what streamed; the next block streams anew
            answerStreamed = false;
        }
    }

    private void printThinking(AgentEvent.Thinking thinking) {
        if (thinking.delta()) {
            endAnswer();
            out.print(dim(thinking.text()));
            thinkingStreaming = true;
            thinkingStreamed = true;
        } else if (!thinkingStreamed) {
            line(dim("· " + thinking.text().strip()));
        } else {
            endStreams();
            thinkingStreamed = false;
        }
    }

    private String dim(String text) {
        return color ? DIM + text + RESET : text;
    }

    private void line(String text) {
        endStreams();
        out.println(text);
    }

    private void endStreams() {
        endAnswer();
        endThinking();
    }

    private void endAnswer() {
        if (answerStreaming) {
            out.println();
            answerStreaming = false;
        }
    }

    private void endThinking() {
        if (thinkingStreaming) {
            out.println();
            thinkingStreaming = false;
        }
    }

    static String statsLine(TurnStats turn) {
        String cost = turn.costUsd().map(TranscriptSink::dollars).map(c -> " · $" + c).orElse("");
        return "— " + turn.totalMs() + " ms · " + turn.tokens().inputTokens() + " in / " + turn.tokens().outputTokens()
                + " out tokens · " + turn.toolCallCount() + " tool calls" + cost;
    }

    /** Providers report costs computed in floating point ({@code 0.053711999999999996}): a person wants cents. */
    static String dollars(BigDecimal cost) {
        return cost.setScale(4, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String shorten(String text) {
        String flat = text.replace('\n', ' ').strip();
        return flat.length() <= MAX_TOOL_OUTPUT_CHARS ? flat : flat.substring(0, MAX_TOOL_OUTPUT_CHARS) + "…";
    }
}
