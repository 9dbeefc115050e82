package dev.hotplex.adapter.http;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a turn request (from HTTP or the WebSocket) before anything reaches the engine: the session id, a present
 * prompt within the size limit, and text fields free of NUL characters.
 */
final class TurnRequests {
    private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private final int maxPromptChars;

    TurnRequests(int maxPromptChars) {
        this.maxPromptChars = maxPromptChars;
    }

    record Checked(SessionConfig config, String prompt) {
    }

    Checked check(Tenant tenant, String clientSessionId, String prompt, String workDir, String instructions,
                  String systemPrompt) {
        return check(tenant, clientSessionId, prompt, workDir, instructions, systemPrompt, null);
    }

    /** {@code provider}: the agent CLI of a new session ({@code claude}, {@code codex}); null for the default. */
    Checked check(Tenant tenant, String clientSessionId, String prompt, String workDir, String instructions,
                  String systemPrompt, String provider) {
        SessionId sessionId = tenant.sessionId(clientSessionId);
        if (prompt == null || prompt.isBlank()) {
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST, "'prompt' is required and must not be blank");
        }
        if (prompt.length() > maxPromptChars) {
            throw new HotplexException(HttpErrorCode.PAYLOAD_TOO_LARGE,
                    "the prompt is longer than " + maxPromptChars + " characters");
        }
        noNul("prompt", prompt);
        noNul("workDir", workDir);
        noNul("instructions", instructions);
        noNul("systemPrompt", systemPrompt);
        if (provider != null && !PROVIDER_NAME.matcher(provider).matches()) {
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST,
                    "'provider' must be a provider name such as claude or codex");
        }
        SessionConfig config = new SessionConfig(sessionId, tenant.name(), Optional.ofNullable(workDir),
                Optional.ofNullable(systemPrompt), Optional.ofNullable(instructions), Optional.ofNullable(provider));
        return new Checked(config, prompt);
    }

    private static void noNul(String field, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST, "'" + field + "' contains a NUL character");
        }
    }
}
