package dev.hotplex.adapter.cli;

/**
 * What {@code run} and {@code chat} need before their first turn: this process's hold on the state dir's durable
 * session store. Claimed up front so that a store another hotplex process holds (typically a running
 * {@code hotplex serve}) stops the command once, with one clear message, instead of failing every store call of the
 * turn. The app implements it; tests use a lambda.
 */
public interface SessionStoreClaim {
    /**
     * Opens the session store for this process, if it is not open yet.
     *
     * @throws StateDirInUseException when another process holds the state dir
     * @throws dev.hotplex.core.error.HotplexException when the store cannot be opened for another reason
     */
    void claim();

    /** For commands that keep no sessions (and tests): nothing to claim. */
    static SessionStoreClaim none() {
        return () -> { };
    }
}
