package dev.hotplex.core.model;

import dev.hotplex.core.error.ErrorCode;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What {@code Engine.execute} returns once a turn has ended, successfully or not.
 *
 * @param answer the agent's final answer text (empty when it gave none)
 * @param error  the code and message when {@code outcome} is not SUCCESS
 */
public record TurnResult(SessionId sessionId, TurnOutcome outcome, String answer, TurnStats stats,
                         Optional<Failure> error) {
    public TurnResult {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(answer, "answer is null");
        requireNonNull(stats, "stats is null");
        requireNonNull(error, "error is null");
    }

    public boolean succeeded() {
        return outcome == TurnOutcome.SUCCESS;
    }

    public record Failure(ErrorCode code, String message) {
        public Failure {
            requireNonNull(code, "code is null");
            requireNonNull(message, "message is null");
        }
    }
}
