package dev.hotplex.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A tool call the agent wants to make or made. {@code input} is the tool's JSON input as plain
 * Java values (String, Number, Boolean, List, Map, null) so that core never sees a JSON library.
 */
public record ToolCall(String toolUseId, String toolName, Map<String, Object> input) {
    public ToolCall {
        requireNonNull(toolUseId, "toolUseId is null");
        requireNonNull(toolName, "toolName is null");
        input = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(input, "input is null")));
    }

    /** A string-valued input field, e.g. {@code command} for Bash or {@code file_path} for Write. */
    public Optional<String> stringInput(String key) {
        return input.get(key) instanceof String text ? Optional.of(text) : Optional.empty();
    }
}
