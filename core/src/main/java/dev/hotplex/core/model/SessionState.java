package dev.hotplex.core.model;

/**
 * Life of a session: {@code IDLE → STARTING → READY ⇄ BUSY → (STOPPED | DEAD)}.
 * IDLE and DEAD sessions have no live process; their next turn starts one (resuming the
 * conversation when the provider can). STOPPED sessions were stopped on request.
 */
public enum SessionState {
    /** Known, no live process (new, reaped for idleness, reset, or loaded from the store). */
    IDLE,
    /** Its process is being started and has not yet answered. */
    STARTING,
    /** Its process answered and waits for a turn. */
    READY,
    /** A turn is running. */
    BUSY,
    /** Stopped on request; the conversation can still be resumed by a new turn. */
    STOPPED,
    /** Its process died or was killed after a timeout; the next turn respawns it. */
    DEAD;

    public boolean hasLiveProcess() {
        return this == READY || this == BUSY || this == STARTING;
    }
}
