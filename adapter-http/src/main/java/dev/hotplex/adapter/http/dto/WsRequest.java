package dev.hotplex.adapter.http.dto;

/**
 * A client message on {@code /v1/ws}. {@code type} is one of {@code execute}, {@code stop}, {@code reset},
 * {@code interrupt}, {@code stats}, {@code session}, {@code sessions}, {@code permission}, {@code version},
 * {@code check}; {@code id} is the client's correlation id, echoed on every answer and event.
 */
public record WsRequest(String type, String id, String sessionId, String prompt, String workDir, String instructions,
                        String systemPrompt, String requestId, String decision, String message, String text,
                        String command, String provider) {
}
