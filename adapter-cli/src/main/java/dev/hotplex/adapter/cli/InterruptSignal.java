package dev.hotplex.adapter.cli;

/**
 * Ctrl-C (SIGINT) while a command runs: the first one runs the command's action (e.g. interrupt the turn) instead of
 * ending the JVM; a second one ends it the usual way (shutdown hooks, exit code 130). Injected, so tests trigger it.
 */
public interface InterruptSignal {
    /** Handles Ctrl-C with {@code firstInterrupt} until the returned registration is closed. */
    Registration onInterrupt(Runnable firstInterrupt);

    /** Undoes an {@link #onInterrupt}: Ctrl-C ends the JVM again. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
