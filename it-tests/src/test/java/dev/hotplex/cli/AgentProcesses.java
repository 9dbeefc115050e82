package dev.hotplex.cli;

import java.time.Duration;
import java.util.List;

/**
 * A snapshot of the processes running under a hotplex JVM (the agent CLI and its children), taken while a turn is
 * live, so that a test can check afterwards that none of them outlived hotplex.
 */
record AgentProcesses(List<ProcessHandle> processes) {
    AgentProcesses {
        processes = List.copyOf(processes);
    }

    static AgentProcesses under(ProcessHandle hotplex) {
        return new AgentProcesses(hotplex.descendants().toList());
    }

    /** Waits up to {@code timeout} for every one of them to end; true if none is left alive. */
    boolean awaitAllGone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (anyAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return !anyAlive();
    }

    private boolean anyAlive() {
        return processes.stream().anyMatch(ProcessHandle::isAlive);
    }
}
