package dev.hotplex.provider.claude.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a JSON tree into plain, deeply unmodifiable Java values: objects to {@code Map} (insertion
 * order kept), arrays to {@code List}, integers to {@code Long} (or {@code BigInteger} beyond its
 * range), decimals to {@code BigDecimal} (or {@code Double} when the mapper read them as doubles),
 * strings, booleans and {@code null}.
 */
final class PlainValues {
    private PlainValues() {
    }

    static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            return mapOf(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(of(element));
            }
            return Collections.unmodifiableList(list);
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isBigDecimal()) {
            return node.decimalValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    /** An object node as an unmodifiable map; callers check {@code node.isObject()}. */
    static Map<String, Object> mapOf(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            map.put(property.getKey(), of(property.getValue()));
        }
        return Collections.unmodifiableMap(map);
    }
}
