package dev.hotplex.core.port.out;

import dev.hotplex.core.model.AgentEvent;

/**
 * Where a connection reports a turn: any number of events, then exactly one {@link #onComplete},
 * always, even when the process dies or is closed. Calls come from one thread at a time, in order.
 */
public interface TurnListener {
    void onEvent(AgentEvent event);

    void onComplete(TurnCompletion completion);
}
