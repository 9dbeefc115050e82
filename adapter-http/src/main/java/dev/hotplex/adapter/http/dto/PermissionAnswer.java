package dev.hotplex.adapter.http.dto;

/** Body of {@code POST /v1/sessions/{id}/permissions/{requestId}}: {@code decision} is {@code allow} or {@code deny}. */
public record PermissionAnswer(String decision, String message) {
}
