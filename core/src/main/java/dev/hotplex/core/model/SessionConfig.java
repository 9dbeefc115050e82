package dev.hotplex.core.model;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a caller says about a session when it runs a turn (the seed's {@code types.Config}).
 *
 * @param sessionId    the caller's session id
 * @param owner        the tenant that owns the session ({@code "default"} when single-tenant)
 * @param workDir      the work dir, relative to the engine's workspace root (or absolute inside it);
 *                     empty means {@code <root>/<sessionId>}
 * @param systemPrompt appended to the agent's system prompt when the session's process is first started
 * @param instructions prepended to every prompt of this turn (the seed's TaskInstructions)
 * @param provider     the provider a new session runs on ({@code claude}, {@code codex}); empty means the
 *                     engine's default. A session stays on the provider it started with.
 */
public record SessionConfig(
        SessionId sessionId,
        String owner,
        Optional<String> workDir,
        Optional<String> systemPrompt,
        Optional<String> instructions,
        Optional<String> provider) {
    public static final String DEFAULT_OWNER = "default";

    /** Without a provider choice: the engine's default. */
    public SessionConfig(SessionId sessionId, String owner, Optional<String> workDir, Optional<String> systemPrompt,
                         Optional<String> instructions) {
        this(sessionId, owner, workDir, systemPrompt, instructions, Optional.empty());
    }

    public SessionConfig {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(workDir, "workDir is null");
        requireNonNull(systemPrompt, "systemPrompt is null");
        requireNonNull(instructions, "instructions is null");
        requireNonNull(provider, "provider is null");
    }

    public static SessionConfig of(SessionId sessionId) {
        return new SessionConfig(sessionId, DEFAULT_OWNER, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static SessionConfig of(String sessionId) {
        return of(SessionId.of(sessionId));
    }

    public SessionConfig withOwner(String newOwner) {
        return new SessionConfig(sessionId, newOwner, workDir, systemPrompt, instructions, provider);
    }

    public SessionConfig withWorkDir(String newWorkDir) {
        return new SessionConfig(sessionId, owner, Optional.ofNullable(newWorkDir), systemPrompt, instructions, provider);
    }

    public SessionConfig withSystemPrompt(String newSystemPrompt) {
        return new SessionConfig(sessionId, owner, workDir, Optional.ofNullable(newSystemPrompt), instructions, provider);
    }

    public SessionConfig withInstructions(String newInstructions) {
        return new SessionConfig(sessionId, owner, workDir, systemPrompt, Optional.ofNullable(newInstructions), provider);
    }

    /** {@code null} means the engine's default provider. */
    public SessionConfig withProvider(String newProvider) {
        return new SessionConfig(sessionId, owner, workDir, systemPrompt, instructions, Optional.ofNullable(newProvider));
    }
}
