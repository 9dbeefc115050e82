package dev.hotplex.provider.claude.internal.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Malformed;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Unknown;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Decodes one line of the CLI's stdout into a {@link ClaudeMessage}. Never throws on bad input:
 * broken JSON, a value that is not an object, a missing or mistyped field give {@link Malformed}
 * with the reason; an unknown {@code type} gives {@link Unknown}. Any line length is accepted (the
 * caller bounds it). Thread-safe.
 */
public final class ClaudeLineDecoder {
    private final ObjectMapper mapper;

    public ClaudeLineDecoder(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    public ClaudeMessage decode(String line) {
        requireNonNull(line, "line is null");
        JsonNode node;
        try (JsonParser parser = mapper.createParser(line)) {
            node = mapper.readTree(parser);
            if (node != null && parser.nextToken() != null) {
                return malformed(line, "trailing data after the JSON value");
            }
        } catch (JsonProcessingException e) {
            return malformed(line, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return malformed(line, "unreadable: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            return malformed(line, "blank line");
        }
        if (!node.isObject()) {
            return malformed(line, "not a JSON object but " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            return malformed(line, typeNode == null ? "missing type" : "type is not a string");
        }
        String type = typeNode.textValue();
        try {
            return decode(type, WireObject.of(node, ""), line);
        } catch (MalformedWireException e) {
            return new Malformed(line, type + ": " + e.getMessage(), Optional.of(type));
        } catch (RuntimeException e) {
            return new Malformed(line, type + ": cannot decode: " + e, Optional.of(type));
        }
    }

    private static ClaudeMessage decode(String type, WireObject root, String line) {
        return switch (type) {
            case "system" -> SystemMessageReader.read(root, line);
            case "assistant" -> AssistantReader.read(root, line);
            case "user" -> UserReader.read(root, line);
            case "stream_event" -> StreamEventReader.read(root, line);
            case "control_request" -> ControlMessageReader.request(root, line);
            case "control_response" -> ControlMessageReader.response(root, line);
            case "control_cancel_request" -> ControlMessageReader.cancel(root, line);
            case "result" -> ResultReader.read(root);
            default -> new Unknown(type, line);
        };
    }

    private static Malformed malformed(String line, String reason) {
        return new Malformed(line, reason, Optional.empty());
    }
}
