package dev.hotplex.provider.codex.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Codex's stored conversations: {@code $CODEX_HOME/sessions/YYYY/MM/DD/rollout-<time>-<thread id>.jsonl}.
 * Known only when the session's home is (a configured {@code CODEX_HOME} or an absolute {@code HOME}).
 */
public record CodexRollouts(Optional<Path> home) {
    public CodexRollouts {
        requireNonNull(home, "home is null");
    }

    /** Deletes the rollout files of {@code threadId}; returns how many. */
    public int discard(String threadId) {
        if (home.isEmpty() || !Files.isDirectory(home.get().resolve("sessions"))) {
            return 0;
        }
        String suffix = "-" + threadId + ".jsonl";
        try (Stream<Path> files = Files.walk(home.get().resolve("sessions"), 4)) {
            List<Path> matches = files.filter(file -> file.getFileName().toString().startsWith("rollout-")
                    && file.getFileName().toString().endsWith(suffix)).toList();
            for (Path file : matches) {
                Files.deleteIfExists(file);
            }
            return matches.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the Codex rollout of thread " + threadId, e);
        }
    }
}
