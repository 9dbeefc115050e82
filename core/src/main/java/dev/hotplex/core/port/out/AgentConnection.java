package dev.hotplex.core.port.out;

import dev.hotplex.core.model.PermissionDecision;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * One live, hot agent process serving one session. The engine runs at most one turn at a time on it.
 */
public interface AgentConnection {
    /** The process id, when there is an OS process. */
    OptionalLong pid();

    /**
     * Writes one turn to the agent and returns at once; the turn is reported to {@code listener}.
     * Throws {@code PROCESS_DIED} when the process is gone.
     */
    void startTurn(TurnInput input, TurnListener listener);

    /** Asks the agent to end the running turn early; the turn then completes as INTERRUPTED. */
    void interrupt();

    /** Answers a permission request the agent made during the running turn. */
    void answerPermission(String requestId, PermissionDecision decision);

    boolean isAlive();

    /**
     * Ends the process and its whole process group: a polite close first, a kill after {@code grace}.
     * Returns once nothing of it is left. A running turn completes as PROCESS_DIED. Idempotent.
     */
    void close(Duration grace);
}
