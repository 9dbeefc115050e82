package dev.hotplex.provider.process;

/**
 * Receives a child's stdout, on the one thread that reads it: lines in order, then {@link #ended} once.
 * An exception thrown here is logged and the next line is read anyway: stdout must keep draining.
 */
public interface LineHandler {
    /** One complete line, without its line break. */
    void line(String text);

    /** A line longer than the limit was skipped; {@code head} is its start. */
    void skipped(long bytes, String head);

    /** Stdout ended, the process exited and stderr was read (within bounds): the last call. */
    void ended(ExitStatus status);
}
