package dev.hotplex.testkit.anthropic;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes plain Java values as compact JSON, the inverse of {@link JsonParser}, so fakes build their
 * answers from maps and lists instead of by hand-escaped string concatenation.
 *
 * <p>Accepts {@link Map} (keys must be strings; iteration order is kept), {@link Iterable}, {@link String},
 * {@link Character}, {@link Boolean}, {@link Number} and {@code null}. Strings escape quotes, backslashes,
 * control characters, U+2028/U+2029 and lone surrogates, so the output is always valid UTF-8-safe JSON.
 * Non-finite doubles and other types throw {@link IllegalArgumentException}.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {
    }

    /**
     * A mutable object map with keys in the given order (unlike {@link Map#of}) that may hold {@code null}
     * values: {@code object("type", "text", "text", "hi")}.
     */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new IllegalArgumentException("key " + i / 2 + " is not a string: " + keysAndValues[i]);
            }
            object.put(key, keysAndValues[i + 1]);
        }
        return object;
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    /** Appends {@code value} as JSON to {@code out}. */
    public static void append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String string -> appendString(out, string);
            case Character character -> appendString(out, character.toString());
            case Boolean bool -> out.append(bool.booleanValue());
            case Number number -> appendNumber(out, number);
            case Map<?, ?> map -> appendObject(out, map);
            case Iterable<?> iterable -> appendArray(out, iterable);
            default -> throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void appendObject(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys must be strings, got " + entry.getKey());
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, key);
            out.append(':');
            append(out, entry.getValue());
        }
        out.append('}');
    }

    private static void appendArray(StringBuilder out, Iterable<?> iterable) {
        out.append('[');
        boolean first = true;
        for (Object element : iterable) {
            if (!first) {
                out.append(',');
            }
            first = false;
            append(out, element);
        }
        out.append(']');
    }

    private static void appendNumber(StringBuilder out, Number number) {
        switch (number) {
            case Double d when !Double.isFinite(d) -> throw new IllegalArgumentException("JSON has no " + d);
            case Float f when !Float.isFinite(f) -> throw new IllegalArgumentException("JSON has no " + f);
            case Double d -> out.append(d.doubleValue());
            case Float f -> out.append(f.floatValue());
            case BigDecimal big -> out.append(big.toString());
            case BigInteger big -> out.append(big.toString());
            case Long l -> out.append(l.longValue());
            case Integer i -> out.append(i.intValue());
            case Short s -> out.append(s.shortValue());
            case Byte b -> out.append(b.byteValue());
            default -> throw new IllegalArgumentException("cannot write " + number.getClass().getName() + " as JSON");
        }
    }

    private static void appendString(StringBuilder out, String string) {
        out.append('"');
        int length = string.length();
        for (int i = 0; i < length; i++) {
            char c = string.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(string, i)) {
                        appendUnicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isLoneSurrogate(String string, int i) {
        char c = string.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= string.length() || !Character.isLowSurrogate(string.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(string.charAt(i - 1));
        }
        return false;
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
    }
}
