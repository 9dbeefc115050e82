package dev.hotplex.adapter.cli.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the bodies of the hotplex HTTP API that {@code hotplex sessions} receives, and writes its {@code --json}
 * lines. Lenient about fields it does not know (a newer server may add some), strict about the ones it needs.
 */
public final class ApiJson {
    private final ObjectMapper mapper = new ObjectMapper();

    /** The body of {@code GET /v1/sessions}; {@link IllegalArgumentException} when it is not that. */
    public List<RemoteSession> sessionList(String body) {
        JsonNode sessions = read(body).path("sessions");
        if (!sessions.isArray()) {
            throw new IllegalArgumentException("the answer has no 'sessions' list");
        }
        List<RemoteSession> result = new ArrayList<>();
        sessions.forEach(node -> result.add(session(node)));
        return List.copyOf(result);
    }

    /** The body of {@code GET /v1/sessions/{id}}. */
    public RemoteSession session(String body) {
        return session(read(body));
    }

    /** The error inside a non-2xx body, if the body has the API's error shape. */
    public Optional<ApiError> error(String body) {
        try {
            JsonNode error = mapper.readTree(body).path("error");
            if (!error.isObject() || !error.path("code").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new ApiError(error.path("code").asText(), error.path("message").asText(""),
                    error.path("requestId").asText("-")));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A compact one-line JSON form of a session, for {@code --json}. */
    public String line(RemoteSession session) {
        return node(session).toString();
    }

    /** The list as one JSON line {@code {"sessions":[...]}}, the server's own shape. */
    public String line(List<RemoteSession> sessions) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("sessions");
        sessions.forEach(session -> list.add(node(session)));
        return root.toString();
    }

    /** {@code {"id":..,"action":..}}: what stop and reset print with {@code --json}. */
    public String actionLine(String id, String action) {
        ObjectNode root = mapper.createObjectNode();
        root.put("id", id);
        root.put("action", action);
        return root.toString();
    }

    private ObjectNode node(RemoteSession session) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", session.id());
        node.put("state", session.state());
        if (session.hasProcess()) {
            node.put("pid", session.pid());
        } else {
            node.putNull("pid");
        }
        node.put("createdAt", session.createdAt());
        node.put("lastActiveAt", session.lastActiveAt());
        node.put("providerSessionId", session.providerSessionId());
        node.put("workDir", session.workDir());
        node.put("provider", session.provider());
        return node;
    }

    private JsonNode read(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the answer is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the answer is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static RemoteSession session(JsonNode node) {
        String id = node.path("id").asText("");
        String state = node.path("state").asText("");
        if (id.isEmpty() || state.isEmpty()) {
            throw new IllegalArgumentException("a session without 'id' or 'state'");
        }
        JsonNode pid = node.path("pid");
        return new RemoteSession(id, state, pid.canConvertToLong() ? pid.asLong() : -1,
                node.path("createdAt").asText(""), node.path("lastActiveAt").asText(""),
                node.path("providerSessionId").asText(""), node.path("workDir").asText(""),
                node.path("provider").asText(""));
    }
}
