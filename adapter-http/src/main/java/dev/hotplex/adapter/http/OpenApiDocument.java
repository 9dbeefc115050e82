package dev.hotplex.adapter.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 description of the API, written by hand next to the routes (a test checks that every registered
 * route is documented and every documented route is registered). Built once per server as plain maps.
 */
final class OpenApiDocument {
    /** One documented operation. */
    record Operation(String method, String path, String summary, boolean authenticated, String requestSchema,
                     Map<String, String> responses) {
    }

    static final List<Operation> OPERATIONS = List.of(
            new Operation("post", "/v1/sessions/{id}/turns", "Run a turn; streams its events as SSE (event: wire "
                    + "name, id: sequence, data: JSON) ending after session_stats or error. With Accept: "
                    + "application/json, answers the whole turn as one TurnDocument. Events: session_start, "
                    + "thinking, answer, tool_use, tool_result, permission_request, danger_block, session_stats, "
                    + "error; raw (the CLI's unmapped messages, e.g. system/init) only when the server sets "
                    + "http.forward-raw-events. Body: Content-Type application/json (or none).", true, "TurnRequest",
                    Map.ofEntries(Map.entry("200", "text/event-stream, or a TurnDocument"),
                            Map.entry("400", "invalid request or session id"),
                            Map.entry("403", "FORBIDDEN_ORIGIN (cross-origin browser request)"),
                            Map.entry("406", "NOT_ACCEPTABLE (Accept allows neither SSE nor JSON)"),
                            Map.entry("409", "SESSION_BUSY"), Map.entry("413", "PAYLOAD_TOO_LARGE"),
                            Map.entry("415", "UNSUPPORTED_MEDIA_TYPE (a body that is not JSON)"),
                            Map.entry("429", "RATE_LIMITED or TOO_MANY_STREAMS (with Retry-After)"),
                            Map.entry("503", "CAPACITY or ENGINE_CLOSED (with Retry-After)"))),
            new Operation("get", "/v1/sessions", "The caller's sessions.", true, null,
                    Map.of("200", "SessionList")),
            new Operation("get", "/v1/sessions/{id}", "One session: state, pid, created, last active, provider "
                    + "session id, work dir.", true, null, Map.of("200", "SessionBody", "404", "SESSION_NOT_FOUND")),
            new Operation("get", "/v1/sessions/{id}/stats", "The session's cumulative figures.", true, null,
                    Map.of("200", "SessionStats", "404", "SESSION_NOT_FOUND")),
            new Operation("delete", "/v1/sessions/{id}", "Stop the session: kills its process group.", true, null,
                    Map.of("204", "stopped", "404", "SESSION_NOT_FOUND")),
            new Operation("post", "/v1/sessions/{id}/reset", "End any running turn and start a fresh context.", true,
                    null, Map.of("204", "reset", "404", "SESSION_NOT_FOUND")),
            new Operation("post", "/v1/sessions/{id}/interrupt", "Ask the running turn to stop early.", true, null,
                    Map.of("202", "interrupt requested", "404", "SESSION_NOT_FOUND")),
            new Operation("post", "/v1/sessions/{id}/permissions/{requestId}", "Answer a permission_request.", true,
                    "PermissionAnswer", Map.of("204", "answered", "404", "PERMISSION_REQUEST_NOT_FOUND")),
            new Operation("post", "/v1/check", "The firewall's verdict for a prompt (text) or a Bash command.", true,
                    "CheckRequest", Map.of("200", "VerdictBody")),
            new Operation("get", "/v1/version", "hotplex and agent CLI versions.", true, null,
                    Map.of("200", "VersionBody")),
            new Operation("get", "/v1/ws", "WebSocket upgrade: the same operations and events over one connection "
                    + "(messages WsRequest in, WsMessage out).", true, null, Map.of("101", "switching protocols")),
            new Operation("get", "/healthz", "The process is up.", false, null, Map.of("200", "StatusBody")),
            new Operation("get", "/readyz", "Ready for turns: agent CLI found, workspace writable, not draining.",
                    false, null, Map.of("200", "StatusBody", "503", "StatusBody")),
            new Operation("get", "/metrics", "Prometheus text exposition of hotplex's metrics (any tenant's API key "
                    + "when keys are configured; 404 when telemetry.prometheus is off).", true, null,
                    Map.of("200", "text/plain; version=0.0.4", "404", "metrics not enabled")),
            new Operation("get", "/openapi.json", "This document.", false, null, Map.of("200", "OpenAPI 3.1")));

    private OpenApiDocument() {
    }

    static Map<String, Object> build() {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Operation operation : OPERATIONS) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(operation.path(),
                    path -> new LinkedHashMap<String, Object>());
            item.put(operation.method(), operation(operation));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", "hotplex", "version", SystemRoutes.hotplexVersion(),
                "description", "Runs AI coding-agent CLIs as hot sessions. Errors: {\"error\":{\"code\",\"message\","
                        + "\"requestId\"}} with stable codes."));
        document.put("paths", paths);
        document.put("components", Map.of(
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer")),
                "schemas", schemas()));
        return document;
    }

    private static Map<String, Object> operation(Operation operation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("summary", operation.summary());
        body.put("operationId", operation.method() + operation.path().replaceAll("[^A-Za-z0-9]+", "_"));
        List<Map<String, Object>> parameters = new java.util.ArrayList<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(operation.path());
        while (matcher.find()) {
            parameters.add(Map.of("name", matcher.group(1), "in", "path", "required", true,
                    "schema", Map.of("type", "string", "pattern", "^[A-Za-z0-9_:][A-Za-z0-9._:-]{0,127}$")));
        }
        if (!parameters.isEmpty()) {
            body.put("parameters", parameters);
        }
        if (operation.authenticated()) {
            body.put("security", List.of(Map.of("bearer", List.of())));
        }
        if (operation.requestSchema() != null) {
            body.put("requestBody", Map.of("required", true, "content", Map.of("application/json",
                    Map.of("schema", Map.of("$ref", "#/components/schemas/" + operation.requestSchema())))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        operation.responses().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                responses.put(entry.getKey(), Map.of("description", entry.getValue())));
        responses.put("default", Map.of("description", "error", "content", Map.of("application/json",
                Map.of("schema", Map.of("$ref", "#/components/schemas/Error")))));
        body.put("responses", responses);
        return body;
    }

    private static Map<String, Object> schemas() {
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put("Error", object(Map.of("error", object(Map.of("code", string(), "message", string(),
                "requestId", string()), List.of("code", "message", "requestId"))), List.of("error")));
        schemas.put("TurnRequest", object(Map.of("prompt", string(), "workDir", string(), "instructions", string(),
                "systemPrompt", string(), "provider", string()), List.of("prompt")));
        schemas.put("PermissionAnswer", object(Map.of("decision", Map.of("type", "string", "enum",
                List.of("allow", "deny")), "message", string()), List.of("decision")));
        schemas.put("CheckRequest", object(Map.of("text", string(), "command", string()), List.of()));
        return schemas;
    }

    private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> string() {
        return Map.of("type", "string");
    }
}
