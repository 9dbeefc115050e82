package dev.hotplex.provider.claude.internal.wire;

import dev.hotplex.core.model.ProviderTotals;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnCompletion.Status;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Malformed;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Result;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@code result} into a {@link TurnCompletion}. {@code is_error} decides between success and
 * failure whatever the subtype says; an error whose {@code terminal_reason} starts with
 * {@code aborted} (the CLI's answer to an interrupt: {@code aborted_streaming}) is INTERRUPTED.
 */
final class ResultCompletion {
    private static final String ABORTED = "aborted";

    private ResultCompletion() {
    }

    static TurnCompletion of(Result result, Optional<String> model) {
        Status status = status(result);
        Optional<String> message = status == Status.SUCCESS ? Optional.empty() : Optional.of(describe(result, status));
        Optional<String> modelName = model.or(() -> result.modelUsage().keySet().stream().findFirst());
        return new TurnCompletion(status, result.resultText(), result.usage(),
                new ProviderTotals(result.totalCostUsd(), result.modelUsage()), modelName, result.numTurns(), message);
    }

    /** A {@code result} line that could not be read still ends the turn, as a failure. */
    static TurnCompletion unreadable(Malformed result, Optional<String> model) {
        return new TurnCompletion(Status.FAILED, Optional.empty(), TokenUsage.ZERO, ProviderTotals.NONE, model, 0,
                Optional.of("Claude sent an unreadable result: " + result.reason()));
    }

    private static Status status(Result result) {
        if (!result.isError()) {
            return Status.SUCCESS;
        }
        return result.terminalReason().filter(reason -> reason.startsWith(ABORTED)).isPresent()
                ? Status.INTERRUPTED
                : Status.FAILED;
    }

    private static String describe(Result result, Status status) {
        List<String> facts = new ArrayList<>();
        facts.add("subtype=" + result.subtype());
        result.apiErrorStatus().ifPresent(httpStatus -> facts.add("api_error_status=" + httpStatus));
        result.apiErrorType().ifPresent(type -> facts.add("api_error_type=" + type));
        result.terminalReason().ifPresent(reason -> facts.add("terminal_reason=" + reason));
        String summary = (status == Status.INTERRUPTED ? "Claude turn interrupted" : "Claude reported an error")
                + " (" + String.join(", ", facts) + ")";
        Optional<String> errors = result.errors().isEmpty()
                ? Optional.empty()
                : Optional.of(String.join("; ", result.errors()));
        Optional<String> detail = result.resultText().filter(text -> !text.isBlank()).or(() -> errors);
        return detail.map(text -> summary + ": " + text).orElse(summary);
    }
}
