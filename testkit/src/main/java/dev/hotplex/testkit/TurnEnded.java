package dev.hotplex.testkit;

import dev.hotplex.core.port.out.TurnCompletion;

import java.util.Optional;

/**
 * Unwinds a fake turn's script: thrown by {@link ScriptedTurn} when the script ends the turn, or
 * when an interrupt or a close did. Carries no stack trace: it is control flow, not an error.
 */
final class TurnEnded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TurnCompletion completion;

    private TurnEnded(TurnCompletion completion) {
        super(completion == null ? "turn ended" : "turn completed: " + completion.status(), null, false, false);
        this.completion = completion;
    }

    /** The script chose how the turn ends. */
    static TurnEnded completedWith(TurnCompletion completion) {
        return new TurnEnded(completion);
    }

    /**
     * The connection decides the completion: the interrupt or close that ended the turn if there was
     * one, otherwise SUCCESS.
     */
    static TurnEnded withDefaultOutcome() {
        return new TurnEnded(null);
    }

    /** Empty for {@link #withDefaultOutcome()}. */
    Optional<TurnCompletion> completion() {
        return Optional.ofNullable(completion);
    }
}
