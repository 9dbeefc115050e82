package dev.hotplex.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What the fake agent does for one turn: its {@link TurnStep}s in order, each after an optional
 * delay. A script that runs out of steps completes the turn as SUCCESS with the answer it emitted.
 * Immutable, so one script can serve many turns at once.
 */
public final class TurnScript {
    private final List<TurnStep> steps;
    private final Duration stepDelay;

    private TurnScript(List<TurnStep> steps, Duration stepDelay) {
        this.steps = List.copyOf(steps);
        this.stepDelay = requireNonNull(stepDelay, "stepDelay is null");
        if (stepDelay.isNegative()) {
            throw new IllegalArgumentException("stepDelay is negative: " + stepDelay);
        }
    }

    public static TurnScript of(TurnStep... steps) {
        return new TurnScript(List.of(steps), Duration.ZERO);
    }

    /** Answers {@code echo: <prompt>} and succeeds: the default. */
    public static TurnScript echo() {
        return of(TurnStep.echo());
    }

    public static TurnScript answer(String text) {
        return of(TurnStep.answer(text));
    }

    /** Never answers: ends only by an interrupt (INTERRUPTED) or a close (PROCESS_DIED). */
    public static TurnScript hang() {
        return of(TurnStep.hang());
    }

    /** The process dies at once: PROCESS_DIED, connection dead. */
    public static TurnScript crash() {
        return of(TurnStep.crash());
    }

    /** The agent reports an error at once: FAILED, connection alive. */
    public static TurnScript fail(String message) {
        return of(TurnStep.fail(message));
    }

    /** This script followed by more steps. */
    public TurnScript then(TurnStep... more) {
        List<TurnStep> all = new ArrayList<>(steps);
        all.addAll(List.of(more));
        return new TurnScript(all, stepDelay);
    }

    /** The same steps, each preceded by {@code delay}: a slow agent, interruptible between and during steps. */
    public TurnScript withStepDelay(Duration delay) {
        return new TurnScript(steps, delay);
    }

    public List<TurnStep> steps() {
        return steps;
    }

    public Duration stepDelay() {
        return stepDelay;
    }
}
