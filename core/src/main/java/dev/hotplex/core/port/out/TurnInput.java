package dev.hotplex.core.port.out;

import static java.util.Objects.requireNonNull;

/** One turn's input, as it is written to the agent. */
public record TurnInput(String turnId, String prompt) {
    public TurnInput {
        requireNonNull(turnId, "turnId is null");
        requireNonNull(prompt, "prompt is null");
    }
}
