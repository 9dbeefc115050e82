package dev.hotplex.core.port.out;

import dev.hotplex.core.model.SessionId;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Everything a provider needs to start (or resume) one session's process.
 *
 * @param providerSessionId the provider's conversation id (deterministic, see the engine)
 * @param workDir           absolute, validated, existing work directory
 * @param resume            continue the earlier conversation under {@code providerSessionId}
 * @param systemPrompt      appended to the agent's system prompt; only used for a new conversation
 */
public record SessionSpec(
        SessionId sessionId,
        String owner,
        String providerSessionId,
        Path workDir,
        boolean resume,
        Optional<String> systemPrompt,
        List<String> allowedTools,
        List<String> disallowedTools) {
    public SessionSpec {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(providerSessionId, "providerSessionId is null");
        requireNonNull(workDir, "workDir is null");
        requireNonNull(systemPrompt, "systemPrompt is null");
        allowedTools = List.copyOf(requireNonNull(allowedTools, "allowedTools is null"));
        disallowedTools = List.copyOf(requireNonNull(disallowedTools, "disallowedTools is null"));
    }
}
