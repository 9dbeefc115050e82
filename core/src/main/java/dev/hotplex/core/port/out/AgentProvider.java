package dev.hotplex.core.port.out;

/** A family of agent CLIs (Claude Code, Codex, ...): starts hot connections for sessions. */
public interface AgentProvider extends AutoCloseable {
    /** Short stable name, e.g. {@code claude}. */
    String name();

    /** The CLI's version string; throws {@code PROVIDER_UNAVAILABLE} when it cannot be run. */
    String version();

    /**
     * Starts a process for the session and returns once it is ready (the CLI answered, not merely
     * spawned). Throws {@code PROCESS_START_FAILED} with the reason (and stderr tail) otherwise.
     */
    AgentConnection open(SessionSpec spec);

    /**
     * Whether {@link #open} may run before the session exists, for a spare process a new session adopts later. True
     * only when the process depends on nothing but the owner, work dir, provider session id and tool lists of its
     * spec (not on the session id, nor on a system prompt: spares are started without one).
     */
    default boolean supportsSpares() {
        return false;
    }

    /** Whether the provider holds a conversation under {@code spec.providerSessionId()} that it can resume. */
    boolean canResume(SessionSpec spec);

    /** Deletes the provider's stored conversation for this session, if any. */
    void discardSessionFiles(SessionSpec spec);

    /** Ends every process this provider started; called by the app after the engine closed. */
    @Override
    default void close() {
    }
}
