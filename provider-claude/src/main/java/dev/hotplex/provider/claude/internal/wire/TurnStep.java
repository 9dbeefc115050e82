package dev.hotplex.provider.claude.internal.wire;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.port.out.TurnCompletion;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What one CLI message means for the running turn: events to report, in order, and, for the message
 * that ends the turn, its completion (report it after the events).
 */
public record TurnStep(List<AgentEvent> events, Optional<TurnCompletion> completion) {
    public TurnStep {
        events = List.copyOf(requireNonNull(events, "events is null"));
        requireNonNull(completion, "completion is null");
    }

    public static TurnStep of(List<AgentEvent> events) {
        return new TurnStep(events, Optional.empty());
    }

    public static TurnStep of(AgentEvent event) {
        return new TurnStep(List.of(event), Optional.empty());
    }

    public boolean endsTurn() {
        return completion.isPresent();
    }
}
