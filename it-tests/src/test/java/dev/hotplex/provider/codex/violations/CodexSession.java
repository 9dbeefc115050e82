package dev.hotplex.provider.codex.violations;

/** Test-only fixture: a class of a second provider. */
public final class CodexSession {
}
