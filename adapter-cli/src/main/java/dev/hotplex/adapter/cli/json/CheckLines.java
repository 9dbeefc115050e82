package dev.hotplex.adapter.cli.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.core.model.Verdict;

/**
 * The {@code check --jsonl} protocol: one {@code {"text": ...}} object per input line in, one verdict or
 * {@code {"error": ...}} object per line out. Parsing never throws, so one bad line cannot end the stream.
 */
public final class CheckLines {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ERROR_DETAIL = 200;

    private CheckLines() {
    }

    /** An input line read: the text to check, or why the line was refused. */
    public sealed interface Input {
    }

    public record Text(String text) implements Input {
    }

    public record Refused(String error) implements Input {
    }

    public static Input parse(String line, int maxChars) {
        if (line.length() > maxChars) {
            return new Refused("line too long: " + line.length() + " characters, at most " + maxChars);
        }
        if (line.isBlank()) {
            return new Refused("empty line: expected a JSON object like {\"text\": \"...\"}");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return new Refused("invalid JSON: " + shorten(e.getOriginalMessage()));
        } catch (RuntimeException e) {
            // StreamConstraintsException and friends: still one bad line, never a crash
            return new Refused("invalid JSON: " + shorten(String.valueOf(e.getMessage())));
        }
        if (node == null || !node.isObject()) {
            return new Refused("expected a JSON object like {\"text\": \"...\"}");
        }
        JsonNode text = node.get("text");
        if (text == null || text.isNull()) {
            return new Refused("missing \"text\"");
        }
        if (!text.isTextual()) {
            return new Refused("\"text\" must be a string, got " + text.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return new Text(text.textValue());
    }

    /** {@code {"blocked": bool, "rule": ..., "category": ..., "severity": ..., "reason": ...}}; nulls when allowed. */
    public static String verdict(Verdict verdict) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("blocked", verdict.blocked());
        if (verdict instanceof Verdict.Blocked blocked) {
            node.put("rule", blocked.ruleId());
            node.put("category", blocked.category());
            node.put("severity", blocked.severity().name());
            node.put("reason", blocked.reason());
            node.put("matched", blocked.matched());
            node.put("suggestion", blocked.suggestion());
        } else {
            node.putNull("rule");
            node.putNull("category");
            node.putNull("severity");
            node.putNull("reason");
        }
        return EventJson.write(node);
    }

    public static String error(String message) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("error", message);
        return EventJson.write(node);
    }

    private static String shorten(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() <= MAX_ERROR_DETAIL ? flat : flat.substring(0, MAX_ERROR_DETAIL) + "…";
    }
}
