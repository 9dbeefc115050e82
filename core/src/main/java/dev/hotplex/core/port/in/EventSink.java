package dev.hotplex.core.port.in;

import dev.hotplex.core.model.AgentEvent;

/**
 * Receives a turn's events in order, on one thread at a time (the seed's callback). A sink that
 * throws is treated as a gone client: the engine stops delivering to it but finishes the turn.
 */
@FunctionalInterface
public interface EventSink {
    void accept(AgentEvent event);
}
