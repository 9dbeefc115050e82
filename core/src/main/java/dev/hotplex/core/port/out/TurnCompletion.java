package dev.hotplex.core.port.out;

import dev.hotplex.core.model.ProviderTotals;
import dev.hotplex.core.model.TokenUsage;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a provider says a turn ended.
 *
 * @param resultText the agent's final answer, when it reported one
 * @param tokens     this turn's token usage
 * @param totals     running totals for the life of the process (cost, per-model usage)
 * @param message    what went wrong, for every status but SUCCESS
 */
public record TurnCompletion(
        Status status,
        Optional<String> resultText,
        TokenUsage tokens,
        ProviderTotals totals,
        Optional<String> model,
        int agentTurns,
        Optional<String> message) {

    public enum Status {
        SUCCESS,
        /** The agent reported an error (API failure, max turns, ...). The process is still usable. */
        FAILED,
        /** Ended early because it was interrupted. The process is still usable. */
        INTERRUPTED,
        /** The process exited or was killed before the turn ended. */
        PROCESS_DIED
    }

    public TurnCompletion {
        requireNonNull(status, "status is null");
        requireNonNull(resultText, "resultText is null");
        requireNonNull(tokens, "tokens is null");
        requireNonNull(totals, "totals is null");
        requireNonNull(model, "model is null");
        requireNonNull(message, "message is null");
    }

    public static TurnCompletion success(String resultText, TokenUsage tokens, ProviderTotals totals) {
        return new TurnCompletion(Status.SUCCESS, Optional.ofNullable(resultText), tokens, totals, Optional.empty(), 1,
                Optional.empty());
    }

    public static TurnCompletion failure(Status status, String message) {
        return new TurnCompletion(status, Optional.empty(), TokenUsage.ZERO, ProviderTotals.NONE, Optional.empty(), 0,
                Optional.of(message));
    }
}
