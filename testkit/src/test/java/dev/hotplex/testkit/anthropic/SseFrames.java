package dev.hotplex.testkit.anthropic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Splits a server-sent event body into its events' JSON data, checking each frame's shape on the way. */
final class SseFrames {
    private SseFrames() {
    }

    /**
     * The {@code data} objects of {@code event: <type>\ndata: <json>\n\n} frames, in order; comment frames
     * ({@code : ...}) are skipped. Fails when a frame is malformed or its event name differs from
     * {@code data.type}.
     */
    static List<Map<String, Object>> parse(String body) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            if (frame.isEmpty() || frame.startsWith(":")) {
                continue;
            }
            String[] lines = frame.split("\n");
            if (lines.length != 2 || !lines[0].startsWith("event: ") || !lines[1].startsWith("data: ")) {
                throw new AssertionError("malformed SSE frame: " + frame);
            }
            Map<String, Object> data = JsonParser.parseObject(lines[1].substring("data: ".length()));
            String name = lines[0].substring("event: ".length());
            if (!name.equals(data.get("type"))) {
                throw new AssertionError("event " + name + " carries data of type " + data.get("type"));
            }
            events.add(data);
        }
        if (!body.endsWith("\n\n")) {
            throw new AssertionError("body does not end with a complete frame: " + body);
        }
        return events;
    }

    static List<Object> types(List<Map<String, Object>> events) {
        return events.stream().map(event -> event.get("type")).toList();
    }
}
