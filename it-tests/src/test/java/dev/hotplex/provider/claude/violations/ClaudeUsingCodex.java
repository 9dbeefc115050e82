package dev.hotplex.provider.claude.violations;

import dev.hotplex.provider.codex.violations.CodexSession;

/** Test-only fixture: one provider using another. */
public final class ClaudeUsingCodex {

    public void delegate(CodexSession session) {
        session.getClass();
    }
}
