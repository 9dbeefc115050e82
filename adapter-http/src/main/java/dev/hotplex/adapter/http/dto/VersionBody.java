package dev.hotplex.adapter.http.dto;

/** Body of {@code GET /v1/version}; {@code cli} is null when the agent CLI cannot be run ({@code cliError} says why). */
public record VersionBody(String hotplex, String cli, String cliError) {
}
