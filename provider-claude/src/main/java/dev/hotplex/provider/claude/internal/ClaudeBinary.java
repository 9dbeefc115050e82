package dev.hotplex.provider.claude.internal;

import dev.hotplex.core.error.ErrorCode;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.provider.process.ExecutableLookup;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The configured Claude CLI: a path, or a name looked up on the CLI's {@code PATH}. Resolved at each use,
 * so installing the CLI later needs no restart.
 */
public record ClaudeBinary(String command, Optional<String> searchPath) {
    public ClaudeBinary {
        requireNonNull(command, "command is null");
        requireNonNull(searchPath, "searchPath is null");
    }

    /** The executable's absolute path; otherwise {@code code} with a message that says what to fix. */
    public Path resolve(ErrorCode code) {
        return ExecutableLookup.find(command, searchPath).orElseThrow(() -> new HotplexException(code,
                command.contains("/")
                        ? "the Claude CLI " + command + " does not exist or is not executable"
                        : "the Claude CLI '" + command + "' was not found on PATH (" + searchPath.orElse("unset")
                        + "); install it or configure the path of its binary"));
    }
}
