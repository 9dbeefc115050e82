package dev.hotplex.adapter.cli;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * The interactive console {@code hotplex chat} talks to: line input with editing and history, output, and Ctrl-C
 * while a turn runs. An interface so that the chat's logic can be tested with scripted lines instead of a terminal.
 */
public interface ChatTerminal extends AutoCloseable {
    /** The next line typed; empty when the person wants to leave (Ctrl-D, or Ctrl-C at the prompt). */
    Optional<String> readLine(String prompt);

    PrintWriter writer();

    /** Whether ANSI styles may be used. */
    boolean color();

    /** Until {@link #clearInterruptHandler()}, Ctrl-C runs {@code onInterrupt} instead of ending the program. */
    void setInterruptHandler(Runnable onInterrupt);

    void clearInterruptHandler();

    @Override
    void close();
}
