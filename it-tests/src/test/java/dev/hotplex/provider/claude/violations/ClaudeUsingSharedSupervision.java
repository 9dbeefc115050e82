package dev.hotplex.provider.claude.violations;

import dev.hotplex.provider.process.violations.SharedSupervisor;

/** Test-only fixture: a provider using the shared provider-process module, which is allowed. */
public final class ClaudeUsingSharedSupervision {

    public void launch(SharedSupervisor supervisor) {
        supervisor.getClass();
    }
}
