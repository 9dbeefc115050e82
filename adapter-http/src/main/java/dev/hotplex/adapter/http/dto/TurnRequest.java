package dev.hotplex.adapter.http.dto;

/**
 * Body of {@code POST /v1/sessions/{id}/turns}: {@code prompt} is required, the rest optional (null when absent).
 * {@code provider} ({@code claude}, {@code codex}) picks the agent CLI of a new session; default: the server's.
 */
public record TurnRequest(String prompt, String workDir, String instructions, String systemPrompt, String provider) {
}
