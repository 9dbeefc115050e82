package dev.hotplex.adapter.http.dto;

/**
 * One turn event outside SSE (the JSON turn document, the WebSocket): {@code event} is the wire name, {@code id} the
 * sequence number within the turn, {@code data} what SSE puts in its {@code data:} line.
 */
public record StreamedEvent(long id, String event, Object data) {
}
