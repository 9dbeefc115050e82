package dev.hotplex.provider.claude.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Typed reads of one JSON object's fields. A field that is absent or {@code null} is "missing"; a
 * required field that is missing, or any field of the wrong type, throws
 * {@link MalformedWireException} naming the field's path.
 */
final class WireObject {
    private final JsonNode node;
    private final String path;

    private WireObject(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static WireObject of(JsonNode node, String path) {
        requireNonNull(node, "node is null");
        requireNonNull(path, "path is null");
        if (!node.isObject()) {
            throw new MalformedWireException(path + " is not an object");
        }
        return new WireObject(node, path);
    }

    String requiredText(String field) {
        return optionalText(field).orElseThrow(() -> missing(field));
    }

    Optional<String> optionalText(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw wrongType(field, "a string");
        }
        return Optional.of(value.textValue());
    }

    boolean booleanOr(String field, boolean fallback) {
        JsonNode value = present(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw wrongType(field, "a boolean");
        }
        return value.booleanValue();
    }

    OptionalLong optionalLong(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw wrongType(field, "an integer");
        }
        return OptionalLong.of(value.longValue());
    }

    long longOr(String field, long fallback) {
        return optionalLong(field).orElse(fallback);
    }

    OptionalInt optionalInt(String field) {
        OptionalLong value = optionalLong(field);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        if (value.getAsLong() < Integer.MIN_VALUE || value.getAsLong() > Integer.MAX_VALUE) {
            throw wrongType(field, "a 32-bit integer");
        }
        return OptionalInt.of((int) value.getAsLong());
    }

    int intOr(String field, int fallback) {
        return optionalInt(field).orElse(fallback);
    }

    Optional<BigDecimal> optionalDecimal(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw wrongType(field, "a number");
        }
        return Optional.of(value.decimalValue());
    }

    /** A scalar field as text, whatever its JSON type (e.g. an HTTP status sent as number or string). */
    Optional<String> optionalScalarText(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw wrongType(field, "a scalar");
        }
        return Optional.of(value.asText());
    }

    WireObject requiredObject(String field) {
        return optionalObject(field).orElseThrow(() -> missing(field));
    }

    Optional<WireObject> optionalObject(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw wrongType(field, "an object");
        }
        return Optional.of(new WireObject(value, path(field)));
    }

    /** An object field as plain Java values; empty when missing. */
    Map<String, Object> plainObject(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw wrongType(field, "an object");
        }
        return PlainValues.mapOf(value);
    }

    /** The field's raw node, or empty when missing; for fields that take several shapes. */
    Optional<JsonNode> optionalNode(String field) {
        return Optional.ofNullable(present(field));
    }

    /** An array of objects; empty when missing. */
    List<WireObject> objectList(String field) {
        JsonNode value = array(field);
        List<WireObject> objects = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            objects.add(of(value.get(i), path(field) + "[" + i + "]"));
        }
        return objects;
    }

    /** An array of strings; empty when missing. */
    List<String> textList(String field) {
        JsonNode value = array(field);
        List<String> texts = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isTextual()) {
                throw new MalformedWireException(path(field) + "[" + i + "] is not a string");
            }
            texts.add(element.textValue());
        }
        return texts;
    }

    /** The size of an array field; 0 when missing. */
    int arraySize(String field) {
        return array(field).size();
    }

    /** Every field of this object whose value is an object, by name, in order. */
    Map<String, WireObject> objectFields() {
        Map<String, WireObject> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            fields.put(property.getKey(), of(property.getValue(), path(property.getKey())));
        }
        return fields;
    }

    String path() {
        return path;
    }

    private JsonNode array(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return MissingNode.getInstance();
        }
        if (!value.isArray()) {
            throw wrongType(field, "an array");
        }
        return value;
    }

    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private MalformedWireException missing(String field) {
        return new MalformedWireException("missing " + path(field));
    }

    private MalformedWireException wrongType(String field, String expected) {
        return new MalformedWireException(path(field) + " is not " + expected);
    }
}
