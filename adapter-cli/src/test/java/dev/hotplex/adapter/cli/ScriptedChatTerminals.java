package dev.hotplex.adapter.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A chat console typed by the test: lines are queued ({@link #type}), {@link #ctrlD()} leaves, and {@link #ctrlC()}
 * presses Ctrl-C: during a turn it runs the chat's interrupt handler, at a prompt it ends the reading.
 */
final class ScriptedChatTerminals implements ChatTerminals {
    private static final Optional<String> LEAVE = Optional.empty();
    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    private final AtomicReference<Runnable> interruptHandler = new AtomicReference<>();
    private final StringWriter screen = new StringWriter();
    private final PrintWriter writer = new PrintWriter(screen, true);
    volatile Path openedHistory;
    volatile boolean closed;

    ScriptedChatTerminals type(String... typed) {
        for (String line : typed) {
            lines.add(Optional.of(line));
        }
        return this;
    }

    ScriptedChatTerminals ctrlD() {
        lines.add(LEAVE);
        return this;
    }

    /** Ctrl-C during a turn; false if no turn was running (no handler installed). */
    boolean ctrlC() {
        Runnable handler = interruptHandler.get();
        if (handler == null) {
            return false;
        }
        handler.run();
        return true;
    }

    boolean turnRunning() {
        return interruptHandler.get() != null;
    }

    String screen() {
        synchronized (screen) {
            return screen.toString();
        }
    }

    @Override
    public ChatTerminal open(Path historyFile) {
        openedHistory = historyFile;
        return new ChatTerminal() {
            @Override
            public Optional<String> readLine(String prompt) {
                writer.print(prompt);
                try {
                    Optional<String> line = lines.poll(10, TimeUnit.SECONDS);
                    if (line == null) {
                        throw new AssertionError("the chat waited for a line the test never typed");
                    }
                    line.ifPresent(writer::println);
                    return line;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return LEAVE;
                }
            }

            @Override
            public PrintWriter writer() {
                return writer;
            }

            @Override
            public boolean color() {
                return false;
            }

            @Override
            public void setInterruptHandler(Runnable onInterrupt) {
                interruptHandler.set(onInterrupt);
            }

            @Override
            public void clearInterruptHandler() {
                interruptHandler.set(null);
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }
}
