package dev.hotplex.provider.process.violations;

import dev.hotplex.provider.claude.violations.ClaudeUsingCodex;

/** Test-only fixture: the shared provider-process module depending on one provider. */
public final class SupervisorThatKnowsClaude {

    public void supervise(ClaudeUsingCodex provider) {
        provider.getClass();
    }
}
