package dev.hotplex.adapter.cli.json;

import dev.hotplex.core.model.ToolCall;

/** One-line summaries of tool inputs for the readable transcript: what the tool acts on, not its whole payload. */
public final class ToolInputs {
    public static final int MAX_CHARS = 120;

    private ToolInputs() {
    }

    /** Bash: its command; Write/Edit/MultiEdit/NotebookEdit/Read: the path; others: compact JSON, at most {@value #MAX_CHARS} chars. */
    public static String summary(ToolCall call) {
        String text = switch (call.toolName()) {
            case "Bash" -> call.stringInput("command").orElseGet(() -> json(call));
            case "Write", "Edit", "MultiEdit", "Read" -> call.stringInput("file_path").orElseGet(() -> json(call));
            case "NotebookEdit" -> call.stringInput("notebook_path").orElseGet(() -> json(call));
            default -> json(call);
        };
        String flat = text.replace('\n', ' ').strip();
        return flat.length() <= MAX_CHARS ? flat : flat.substring(0, MAX_CHARS - 1) + "…";
    }

    private static String json(ToolCall call) {
        return EventJson.write(call.input());
    }
}
