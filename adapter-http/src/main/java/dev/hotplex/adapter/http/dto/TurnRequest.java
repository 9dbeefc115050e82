package dev.hotplex.adapter.http.dto;

/** Body of {@code POST /v1/sessions/{id}/turns}: {@code prompt} is required, the rest optional (null when absent). */
public record TurnRequest(String prompt, String workDir, String instructions, String systemPrompt) {
}
