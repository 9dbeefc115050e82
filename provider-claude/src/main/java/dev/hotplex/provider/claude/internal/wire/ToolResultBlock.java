package dev.hotplex.provider.claude.internal.wire;

import static java.util.Objects.requireNonNull;

/**
 * One {@code tool_result} block of a {@code user} message. {@code content} is flattened to text: the
 * CLI sends either a string or an array of blocks (text blocks joined by newlines, other blocks
 * shown as {@code [type]}).
 */
public record ToolResultBlock(String toolUseId, String content, boolean isError) {
    public ToolResultBlock {
        requireNonNull(toolUseId, "toolUseId is null");
        requireNonNull(content, "content is null");
    }
}
