package dev.hotplex.testkit;

import dev.hotplex.core.model.ToolCall;

import java.util.Map;

/** Tool calls shaped like Claude Code's, so tests do not hand-assemble input maps. */
public final class ToolCalls {
    private ToolCalls() {
    }

    public static ToolCall bash(String toolUseId, String command) {
        return new ToolCall(toolUseId, "Bash", Map.of("command", command));
    }

    public static ToolCall read(String toolUseId, String filePath) {
        return new ToolCall(toolUseId, "Read", Map.of("file_path", filePath));
    }

    public static ToolCall write(String toolUseId, String filePath, String content) {
        return new ToolCall(toolUseId, "Write", Map.of("file_path", filePath, "content", content));
    }

    public static ToolCall edit(String toolUseId, String filePath, String oldString, String newString) {
        return new ToolCall(toolUseId, "Edit", Map.of("file_path", filePath, "old_string", oldString, "new_string", newString));
    }
}
