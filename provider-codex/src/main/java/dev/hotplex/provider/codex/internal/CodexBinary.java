package dev.hotplex.provider.codex.internal;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.provider.process.ExecutableLookup;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The configured {@code codex} command and the PATH it is looked up on. */
public record CodexBinary(String command, Optional<String> searchPath) {
    public CodexBinary {
        requireNonNull(command, "command is null");
        requireNonNull(searchPath, "searchPath is null");
    }

    /** The executable's absolute path; {@code PROVIDER_UNAVAILABLE} saying what to fix otherwise. */
    public Path resolve() {
        return ExecutableLookup.find(command, searchPath).orElseThrow(() -> new HotplexException(
                StandardErrorCode.PROVIDER_UNAVAILABLE, command.contains("/")
                ? "the Codex CLI " + command + " does not exist or is not executable"
                : "the Codex CLI '" + command + "' was not found on PATH (" + searchPath.orElse("unset")
                + "); install it (bin/install-codex) or configure the path of its binary"));
    }
}
