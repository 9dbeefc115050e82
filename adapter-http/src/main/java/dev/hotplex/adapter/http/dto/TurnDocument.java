package dev.hotplex.adapter.http.dto;

import java.util.List;

/**
 * A whole turn as one JSON document ({@code Accept: application/json}): its events in order, how it ended, the final
 * answer, and the error (code, message) when it failed.
 */
public record TurnDocument(String sessionId, String outcome, String answer, ErrorBody.Detail error,
                           List<StreamedEvent> events) {
    public TurnDocument {
        events = List.copyOf(events);
    }
}
