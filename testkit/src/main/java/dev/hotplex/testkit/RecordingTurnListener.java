package dev.hotplex.testkit;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnListener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * A {@link TurnListener} that records what a connection reports, for testing connections directly
 * (the fake here, real providers in their own modules). It also counts breaches of the listener
 * contract: events after the completion, or more than one completion.
 */
public final class RecordingTurnListener implements TurnListener {
    private final Recorder<AgentEvent> events = new Recorder<>();
    private final Recorder<TurnCompletion> completions = new Recorder<>();
    private final AtomicInteger eventsAfterCompletion = new AtomicInteger();
    private final Consumer<? super AgentEvent> reaction;

    public RecordingTurnListener() {
        this(event -> { });
    }

    /**
     * Also runs {@code reaction} on the connection's thread after recording each event, e.g. to answer
     * a permission request from inside {@code onEvent} as an engine applying its policy does; whatever
     * it throws propagates to the connection, as a failing listener's would.
     */
    public RecordingTurnListener(Consumer<? super AgentEvent> reaction) {
        this.reaction = requireNonNull(reaction, "reaction is null");
    }

    @Override
    public void onEvent(AgentEvent event) {
        requireNonNull(event, "event is null");
        if (completions.size() > 0) {
            eventsAfterCompletion.incrementAndGet();
        }
        events.add(event);
        reaction.accept(event);
    }

    @Override
    public void onComplete(TurnCompletion completion) {
        completions.add(requireNonNull(completion, "completion is null"));
    }

    public List<AgentEvent> events() {
        return events.snapshot();
    }

    public List<String> wireNames() {
        return events.snapshot().stream().map(AgentEvent::wireName).toList();
    }

    /** Every completion received: a correct connection delivers exactly one per turn. */
    public List<TurnCompletion> completions() {
        return completions.snapshot();
    }

    public int eventsAfterCompletion() {
        return eventsAfterCompletion.get();
    }

    /** The first completion, waiting for it; {@link IllegalStateException} after {@code timeout}. */
    public TurnCompletion awaitCompletion(Duration timeout) {
        return completions.awaitFirst(completion -> true, timeout, "the turn's completion");
    }

    /** The first event of {@code type}, waiting for it; {@link IllegalStateException} after {@code timeout}. */
    public <T extends AgentEvent> T awaitEvent(Class<T> type, Duration timeout) {
        requireNonNull(type, "type is null");
        return type.cast(events.awaitFirst(type::isInstance, timeout, "an event of type " + type.getSimpleName()));
    }
}
