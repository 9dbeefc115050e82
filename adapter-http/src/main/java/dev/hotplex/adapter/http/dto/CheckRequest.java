package dev.hotplex.adapter.http.dto;

/**
 * Body of {@code POST /v1/check}: exactly one of {@code text} (judged as a prompt) and {@code command} (judged as a
 * Bash command the agent wants to run).
 */
public record CheckRequest(String text, String command) {
}
