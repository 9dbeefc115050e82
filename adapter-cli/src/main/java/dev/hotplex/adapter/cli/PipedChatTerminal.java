package dev.hotplex.adapter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code hotplex chat} with input from a pipe or file: one line a turn, no editing, no history, no Ctrl-C. A line
 * longer than any prompt the engine takes is skipped with a message, never held in memory whole.
 */
final class PipedChatTerminal implements ChatTerminal {
    /** Far beyond the engine's prompt limit, which refuses long prompts with a clear error of its own. */
    static final int MAX_LINE_CHARS = 1_000_000;

    private final BoundedLineReader in;
    private final PrintWriter out;

    PipedChatTerminal(InputStream in, OutputStream out) {
        this.in = new BoundedLineReader(new InputStreamReader(in, StandardCharsets.UTF_8), MAX_LINE_CHARS);
        this.out = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    }

    @Override
    public Optional<String> readLine(String prompt) {
        out.print(prompt);
        out.flush();
        try {
            while (true) {
                Optional<BoundedLineReader.Line> line = in.next();
                if (line.isEmpty()) {
                    out.println();
                    return Optional.empty();
                }
                if (line.get().text().isPresent()) {
                    return line.get().text();
                }
                out.println("✗ skipped a line of " + line.get().length() + " characters (at most " + MAX_LINE_CHARS
                        + ")");
                out.print(prompt);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the next line", e);
        }
    }

    @Override
    public PrintWriter writer() {
        return out;
    }

    @Override
    public boolean color() {
        return false;
    }

    @Override
    public void setInterruptHandler(Runnable onInterrupt) {
        // no terminal, no Ctrl-C
    }

    @Override
    public void clearInterruptHandler() {
        // no terminal, no Ctrl-C
    }

    @Override
    public void close() {
        out.flush();
    }
}
