package dev.hotplex.adapter.cli.violations;

import dev.hotplex.provider.process.violations.SharedSupervisor;

/** Test-only fixture: an adapter reaching for the shared process supervision instead of the Engine port. */
public final class CliStartingAgents {

    public void start(SharedSupervisor supervisor) {
        supervisor.getClass();
    }
}
