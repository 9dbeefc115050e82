package dev.hotplex.adapter.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** {@code hotplex chat} with input from a pipe or file: one line a turn, no editing, no history, no Ctrl-C. */
final class PipedChatTerminal implements ChatTerminal {
    private final BufferedReader in;
    private final PrintWriter out;

    PipedChatTerminal(InputStream in, OutputStream out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    }

    @Override
    public Optional<String> readLine(String prompt) {
        out.print(prompt);
        out.flush();
        try {
            String line = in.readLine();
            if (line == null) {
                out.println();
            }
            return Optional.ofNullable(line);
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
