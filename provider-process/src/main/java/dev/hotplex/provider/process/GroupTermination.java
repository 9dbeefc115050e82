package dev.hotplex.provider.process;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * How ending a process group went.
 *
 * @param empty     no live member is left (the goal)
 * @param signalled SIGTERM had to be sent (the polite close did not suffice)
 * @param killed    SIGKILL had to be sent (the grace ran out)
 * @param survivors live members after everything was tried (empty when {@code empty})
 * @param took      from the start of the stop to the verdict
 */
public record GroupTermination(boolean empty, boolean signalled, boolean killed, List<Long> survivors, Duration took) {
    public GroupTermination {
        survivors = List.copyOf(requireNonNull(survivors, "survivors is null"));
        requireNonNull(took, "took is null");
    }
}
