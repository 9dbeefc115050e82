package dev.hotplex.provider.codex.internal.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Writes the client side of {@code codex app-server}: one JSON object per line, without the
 * {@code jsonrpc} field the server does not use.
 */
public final class CodexEncoder {
    private final ObjectMapper mapper;

    CodexEncoder(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** The handshake request; {@code clientVersion} shows up in Codex's user agent. */
    public String initialize(long id, String clientVersion) {
        ObjectNode info = mapper.createObjectNode().put("name", "hotplex").put("title", "hotplex")
                .put("version", clientVersion);
        ObjectNode params = mapper.createObjectNode();
        params.set("clientInfo", info);
        return request(id, "initialize", params);
    }

    /** The notification that completes the handshake. */
    public String initialized() {
        return write(mapper.createObjectNode().put("method", "initialized"));
    }

    /** A new conversation in {@code cwd}; {@code instructions} are added to Codex's developer instructions. */
    public String threadStart(long id, ThreadSettings settings, Path cwd, Optional<String> instructions) {
        ObjectNode params = threadParams(settings, cwd);
        instructions.ifPresent(text -> params.put("developerInstructions", text));
        return request(id, "thread/start", params);
    }

    /** Continues the stored conversation {@code threadId} (its rollout file is under CODEX_HOME). */
    public String threadResume(long id, String threadId, ThreadSettings settings, Path cwd) {
        ObjectNode params = threadParams(settings, cwd).put("threadId", threadId);
        return request(id, "thread/resume", params);
    }

    public String turnStart(long id, String threadId, String prompt) {
        ObjectNode params = mapper.createObjectNode().put("threadId", threadId);
        ArrayNode input = params.putArray("input");
        input.addObject().put("type", "text").put("text", prompt);
        return request(id, "turn/start", params);
    }

    public String turnInterrupt(long id, String threadId, String turnId) {
        return request(id, "turn/interrupt", mapper.createObjectNode().put("threadId", threadId).put("turnId", turnId));
    }

    /** The answer to an approval request: {@code accept} or {@code decline} (the turn goes on either way). */
    public String approval(String rpcId, boolean allow) {
        ObjectNode result = mapper.createObjectNode().put("decision", allow ? "accept" : "decline");
        return "{\"id\":" + rpcId + ",\"result\":" + write(result) + "}";
    }

    /** A JSON-RPC error for a server request hotplex does not handle, so Codex never waits for it. */
    public String unsupported(String rpcId, String method) {
        ObjectNode error = mapper.createObjectNode().put("code", -32601)
                .put("message", "hotplex does not handle " + method);
        return "{\"id\":" + rpcId + ",\"error\":" + write(error) + "}";
    }

    private ObjectNode threadParams(ThreadSettings settings, Path cwd) {
        ObjectNode params = mapper.createObjectNode().put("cwd", cwd.toString())
                .put("approvalPolicy", settings.approvalPolicy()).put("sandbox", settings.sandbox());
        settings.model().ifPresent(model -> params.put("model", model));
        return params;
    }

    private String request(long id, String method, ObjectNode params) {
        ObjectNode message = mapper.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        return write(message);
    }

    private String write(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }
}
