package dev.hotplex.provider.claude.internal.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.port.out.TurnInput;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Encodes what hotplex writes to the CLI's stdin: each method returns one JSON object on one line,
 * terminated by {@code \n}. Line breaks inside values are escaped, so a line never breaks early.
 * Thread-safe.
 */
public final class ClaudeInputEncoder {
    /** Sent when a deny decision carries no reason; the CLI requires a message. */
    static final String DEFAULT_DENY_MESSAGE = "Permission denied";

    private final ObjectMapper mapper;
    private final ObjectWriter writer;

    public ClaudeInputEncoder(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.writer = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
    }

    /** A user turn with one text block. */
    public String userTurn(TurnInput input) {
        requireNonNull(input, "input is null");
        return userTurn(input.prompt());
    }

    /** A user turn with one text block. */
    public String userTurn(String prompt) {
        requireNonNull(prompt, "prompt is null");
        ObjectNode line = mapper.createObjectNode();
        line.put("type", "user");
        line.put("session_id", "");
        line.putNull("parent_tool_use_id");
        ObjectNode message = line.putObject("message");
        message.put("role", "user");
        message.putArray("content").addObject().put("type", "text").put("text", prompt);
        return write(line);
    }

    /** Asks the CLI to end the running turn; it answers with a control response and then a result. */
    public String interrupt(String requestId) {
        return controlRequest(requestId, "interrupt");
    }

    /** The optional handshake; the CLI answers with its commands, models and version. */
    public String initialize(String requestId) {
        return controlRequest(requestId, "initialize");
    }

    /**
     * Answers a {@code can_use_tool} request. Allowing echoes the tool's original input as
     * {@code updatedInput} (the CLI requires it); denying sends the decision's message.
     */
    public String permissionAnswer(String requestId, PermissionDecision decision, Map<String, Object> originalInput) {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(decision, "decision is null");
        requireNonNull(originalInput, "originalInput is null");
        ObjectNode line = controlResponse(requestId, "success");
        ObjectNode answer = ((ObjectNode) line.get("response")).putObject("response");
        if (decision.allow()) {
            answer.put("behavior", "allow");
            answer.set("updatedInput", mapper.valueToTree(originalInput));
        } else {
            answer.put("behavior", "deny");
            answer.put("message", decision.message().orElse(DEFAULT_DENY_MESSAGE));
        }
        return write(line);
    }

    /** Refuses a control request hotplex does not handle, so the CLI does not wait for an answer. */
    public String controlError(String requestId, String message) {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(message, "message is null");
        ObjectNode line = controlResponse(requestId, "error");
        ((ObjectNode) line.get("response")).put("error", message);
        return write(line);
    }

    private String controlRequest(String requestId, String subtype) {
        requireNonNull(requestId, "requestId is null");
        ObjectNode line = mapper.createObjectNode();
        line.put("type", "control_request");
        line.put("request_id", requestId);
        line.putObject("request").put("subtype", subtype);
        return write(line);
    }

    private ObjectNode controlResponse(String requestId, String subtype) {
        ObjectNode line = mapper.createObjectNode();
        line.put("type", "control_response");
        line.putObject("response").put("subtype", subtype).put("request_id", requestId);
        return line;
    }

    private String write(ObjectNode line) {
        try {
            return writer.writeValueAsString(line) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode a line for the Claude CLI: " + e.getOriginalMessage(), e);
        }
    }
}
