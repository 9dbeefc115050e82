package dev.hotplex.telemetry;

import java.util.List;
import java.util.Map;

/**
 * The opt-in content attributes as JSON text, in the shape the GenAI conventions give them ({@code gen_ai.output.messages}
 * is a list of messages with typed parts). Tool inputs are plain Java values (core keeps JSON libraries out), so a
 * small writer suffices.
 */
final class ContentJson {
    private ContentJson() {
    }

    /** {@code [{"role":"assistant","parts":[{"type":"text","content":"..."}]}]}. */
    static String assistantText(String text) {
        return message("assistant", text);
    }

    /** {@code [{"role":"user","parts":[{"type":"text","content":"..."}]}]}. */
    static String userText(String text) {
        return message("user", text);
    }

    private static String message(String role, String text) {
        return "[{\"role\":\"" + role + "\",\"parts\":[{\"type\":\"text\",\"content\":" + string(text) + "}]}]";
    }

    static String object(Map<String, Object> values) {
        StringBuilder out = new StringBuilder();
        write(values, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String text -> out.append(string(text));
            case Number number -> out.append(number);
            case Boolean bool -> out.append(bool);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(first ? "" : ",").append(string(String.valueOf(entry.getKey()))).append(':');
                    write(entry.getValue(), out);
                    first = false;
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(list.get(i), out);
                }
                out.append(']');
            }
            default -> out.append(string(value.toString()));
        }
    }

    static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
