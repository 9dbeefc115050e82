package dev.hotplex.provider.claude.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * The engine-wide command-line settings of the Claude CLI (per-session ones come from the
 * {@code SessionSpec}).
 *
 * @param permissionPromptStdio ask hotplex about tool permissions over stdio ({@code --permission-prompt-tool stdio})
 * @param extraArgs             appended verbatim, last
 */
public record ClaudeFlags(Optional<String> model, Optional<String> permissionMode, boolean partialMessages,
                          boolean permissionPromptStdio, Optional<String> mcpConfig, List<Path> addDirs,
                          OptionalInt maxTurns, List<String> extraArgs) {
    public ClaudeFlags {
        requireNonNull(model, "model is null");
        requireNonNull(permissionMode, "permissionMode is null");
        requireNonNull(mcpConfig, "mcpConfig is null");
        addDirs = List.copyOf(requireNonNull(addDirs, "addDirs is null"));
        requireNonNull(maxTurns, "maxTurns is null");
        extraArgs = List.copyOf(requireNonNull(extraArgs, "extraArgs is null"));
    }
}
