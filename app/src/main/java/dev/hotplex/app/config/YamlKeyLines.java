package dev.hotplex.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Walks a YAML document's tokens and reports the line of every mapping key ({@code engine.max-sessions} → 18), which
 * the tree Jackson builds forgets. A list counts as its key's value: items are not reported one by one.
 */
final class YamlKeyLines {
    interface Sink {
        void key(List<String> path, int line);
    }

    private YamlKeyLines() {
    }

    static void walk(JsonParser parser, Sink sink) throws IOException {
        Deque<JsonToken> open = new ArrayDeque<>();
        List<String> path = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            switch (token) {
                case FIELD_NAME -> {
                    if (open.size() == path.size() && !path.isEmpty() && insideMappingsOnly(open)) {
                        path.set(path.size() - 1, parser.currentName());
                        sink.key(List.copyOf(path), parser.currentTokenLocation().getLineNr());
                    }
                }
                case START_OBJECT -> {
                    open.push(token);
                    if (insideMappingsOnly(open)) {
                        path.add("");
                    }
                }
                case START_ARRAY -> open.push(token);
                case END_OBJECT, END_ARRAY -> {
                    boolean wasMappingPath = insideMappingsOnly(open) && open.peek() == JsonToken.START_OBJECT;
                    open.pop();
                    if (wasMappingPath) {
                        path.removeLast();
                    }
                }
                default -> {
                    // scalars: their key was reported at the FIELD_NAME
                }
            }
        }
    }

    /** Keys of mappings nested in lists have no dotted name in the configuration; they are not reported. */
    private static boolean insideMappingsOnly(Deque<JsonToken> open) {
        return open.stream().allMatch(token -> token == JsonToken.START_OBJECT);
    }
}
