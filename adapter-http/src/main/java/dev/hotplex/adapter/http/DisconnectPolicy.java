package dev.hotplex.adapter.http;

/** What happens to a running turn when the client streaming it goes away (or falls too far behind). */
public enum DisconnectPolicy {
    /** Interrupt the turn: an abandoned browser tab should not keep an agent working (and paying) for nobody. */
    INTERRUPT,
    /** Let the turn run to its end; its events are dropped but the session's conversation keeps the answer. */
    FINISH
}
