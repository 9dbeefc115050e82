package dev.hotplex.core.model;

/** How a turn ended. */
public enum TurnOutcome {
    SUCCESS, FAILED, BLOCKED, INTERRUPTED, TIMED_OUT, PROCESS_DIED, START_FAILED
}
