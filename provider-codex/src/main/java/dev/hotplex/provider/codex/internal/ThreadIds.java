package dev.hotplex.provider.codex.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Which Codex thread holds which session's conversation, one small file per session under the state dir.
 * Codex names its threads itself ({@code thread/start} answers with the id), while the engine gives each
 * session a provider session id of its own: this record joins the two, so {@code thread/resume} after a
 * restart or a crash finds the conversation again.
 */
public final class ThreadIds {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final Pattern THREAD_ID = Pattern.compile("[A-Za-z0-9-]{1,100}");

    private final Path dir;

    public ThreadIds(Path dir) {
        this.dir = requireNonNull(dir, "dir is null");
    }

    public Optional<String> find(String providerSessionId) {
        try {
            String id = Files.readString(file(providerSessionId), StandardCharsets.UTF_8).strip();
            return THREAD_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Codex thread of " + providerSessionId, e);
        }
    }

    /** Written atomically: a crash mid-write leaves the old record or none, never half a thread id. */
    public void remember(String providerSessionId, String threadId) {
        if (!THREAD_ID.matcher(threadId).matches()) {
            throw new IllegalArgumentException("not a Codex thread id: " + threadId);
        }
        Path target = file(providerSessionId);
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".thread-", ".tmp");
            Files.writeString(temp, threadId, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the Codex thread of " + providerSessionId, e);
        }
    }

    public void forget(String providerSessionId) {
        try {
            Files.deleteIfExists(file(providerSessionId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot forget the Codex thread of " + providerSessionId, e);
        }
    }

    private Path file(String providerSessionId) {
        if (!SAFE_NAME.matcher(providerSessionId).matches()) {
            throw new IllegalArgumentException("not a usable provider session id: " + providerSessionId);
        }
        return dir.resolve(providerSessionId + ".thread");
    }
}
