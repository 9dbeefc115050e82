package dev.hotplex.provider.claude.internal.wire;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.port.out.TurnCompletion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One turn of a transcript run through a fresh {@link TurnEventMapper}, as a connection would. */
record RecordedTurn(List<ClaudeMessage> messages, List<AgentEvent> events, Optional<TurnCompletion> completion) {

    /** Splits a transcript into turns, each ending at a completion; trailing lines form an unfinished turn. */
    static List<RecordedTurn> play(List<String> lines) {
        ClaudeLineDecoder decoder = new ClaudeLineDecoder(WireMapperFactory.create());
        List<RecordedTurn> turns = new ArrayList<>();
        TurnEventMapper mapper = new TurnEventMapper();
        List<ClaudeMessage> messages = new ArrayList<>();
        List<AgentEvent> events = new ArrayList<>();
        for (String line : lines) {
            ClaudeMessage message = decoder.decode(line);
            messages.add(message);
            TurnStep step = mapper.accept(message);
            events.addAll(step.events());
            if (step.endsTurn()) {
                turns.add(new RecordedTurn(List.copyOf(messages), List.copyOf(events), step.completion()));
                mapper = new TurnEventMapper();
                messages.clear();
                events.clear();
            }
        }
        if (!messages.isEmpty()) {
            turns.add(new RecordedTurn(List.copyOf(messages), List.copyOf(events), Optional.empty()));
        }
        return turns;
    }

    static List<RecordedTurn> play(String fixture) {
        return play(Fixtures.lines(fixture));
    }

    <T extends AgentEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<String> rawTypes() {
        return eventsOf(AgentEvent.Raw.class).stream().map(AgentEvent.Raw::type).toList();
    }

    TurnCompletion completed() {
        return completion.orElseThrow(() -> new AssertionError("the turn did not complete"));
    }
}
