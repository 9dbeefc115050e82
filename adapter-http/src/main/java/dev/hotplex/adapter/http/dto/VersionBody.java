package dev.hotplex.adapter.http.dto;

import java.util.Map;

/**
 * Body of {@code GET /v1/version}; {@code cli} is the default provider's CLI version, null when it cannot be run
 * ({@code cliError} says why); {@code providers} maps every configured provider to its CLI version (or
 * {@code unavailable: <why>}).
 */
public record VersionBody(String hotplex, String cli, String cliError, Map<String, String> providers) {
}
