package dev.hotplex.adapter.http.dto;

/**
 * A server message on {@code /v1/ws}: {@code type} is {@code event} (with {@code event}, {@code seq}, {@code data}),
 * {@code result} (with {@code data}) or {@code error} (with {@code error}); {@code id} echoes the request's.
 */
public record WsMessage(String type, String id, String sessionId, String event, Long seq, Object data,
                        ErrorBody.Detail error) {
    public static WsMessage event(String id, String sessionId, String event, long seq, Object data) {
        return new WsMessage("event", id, sessionId, event, seq, data, null);
    }

    public static WsMessage result(String id, Object data) {
        return new WsMessage("result", id, null, null, null, data, null);
    }

    public static WsMessage error(String id, ErrorBody.Detail error) {
        return new WsMessage("error", id, null, null, null, null, error);
    }
}
