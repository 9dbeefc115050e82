package dev.hotplex.adapter.http.dto;

import java.util.List;

/** Body of {@code GET /v1/sessions}. */
public record SessionList(List<SessionBody> sessions) {
    public SessionList {
        sessions = List.copyOf(sessions);
    }
}
