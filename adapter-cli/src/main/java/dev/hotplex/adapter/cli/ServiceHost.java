package dev.hotplex.adapter.cli;

import java.io.PrintWriter;

/**
 * What {@code hotplex serve} needs from the app: start the configured delivery adapters over the engine and
 * block until the service is told to stop (SIGTERM, Ctrl-C), shutting down gracefully. The CLI adapter may
 * not depend on other adapters, so the app implements this.
 */
public interface ServiceHost {
    /**
     * Serves until stopped; returns the exit code. {@code out} is for the one-line "listening on" banner, {@code err}
     * for the one line that says why the service could not start.
     */
    int serveUntilStopped(PrintWriter out, PrintWriter err);
}
