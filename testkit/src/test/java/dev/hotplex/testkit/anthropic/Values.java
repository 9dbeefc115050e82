package dev.hotplex.testkit.anthropic;

import java.util.List;
import java.util.Map;

/** Typed views of parsed JSON for assertions, failing with the value shown when the shape is wrong. */
final class Values {
    private Values() {
    }

    @SuppressWarnings("unchecked") // JsonParser builds String-keyed maps only
    static Map<String, Object> map(Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new AssertionError("not a JSON object: " + value);
    }

    @SuppressWarnings("unchecked") // JsonParser builds Object lists only
    static List<Object> list(Object value) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new AssertionError("not a JSON array: " + value);
    }

    /** Follows object keys from {@code root}: {@code at(event, "message", "id")}. */
    static Object at(Object root, String... keys) {
        Object current = root;
        for (String key : keys) {
            current = map(current).get(key);
        }
        return current;
    }
}
