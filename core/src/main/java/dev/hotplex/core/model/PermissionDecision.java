package dev.hotplex.core.model;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** An answer to an agent's request to use a tool. */
public record PermissionDecision(boolean allow, Optional<String> message) {
    public PermissionDecision {
        requireNonNull(message, "message is null");
    }

    public static PermissionDecision allowed() {
        return new PermissionDecision(true, Optional.empty());
    }

    public static PermissionDecision denied(String why) {
        return new PermissionDecision(false, Optional.of(why));
    }
}
