package dev.hotplex.provider.claude.internal;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The CLI's stored conversations: {@code <config dir>/projects/<cwd slug>/<session id>.jsonl}, where the
 * config dir is {@code CLAUDE_CONFIG_DIR} or {@code ~/.claude}. {@code --resume} needs the same config dir
 * but not the same cwd, so every project dir is searched rather than recomputing the slug.
 */
public final class ClaudeTranscripts {
    private static final System.Logger LOG = System.getLogger(ClaudeTranscripts.class.getName());
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private final Path configDir;

    public ClaudeTranscripts(Path configDir) {
        this.configDir = requireNonNull(configDir, "configDir is null");
    }

    /** The config dir the CLI uses with this environment. */
    public static Path configDir(Map<String, String> environment) {
        Optional<String> explicit = Optional.ofNullable(environment.get("CLAUDE_CONFIG_DIR")).filter(dir -> !dir.isBlank());
        if (explicit.isPresent()) {
            return Path.of(explicit.get());
        }
        String home = Optional.ofNullable(environment.get("HOME")).filter(dir -> !dir.isBlank())
                .orElseGet(() -> System.getProperty("user.home"));
        return Path.of(home, ".claude");
    }

    /** Whether a non-empty transcript of this conversation exists, so {@code --resume} can continue it. */
    public boolean exists(String sessionId) {
        return find(sessionId).stream().anyMatch(ClaudeTranscripts::nonEmpty);
    }

    /** Deletes every transcript of this conversation (and its side directory, if any); returns how many. */
    public int discard(String sessionId) {
        int deleted = 0;
        for (Path transcript : find(sessionId)) {
            try {
                Files.deleteIfExists(transcript);
                deleteTree(transcript.resolveSibling(sessionId));
                deleted++;
            } catch (IOException e) {
                throw new HotplexException(StandardErrorCode.INTERNAL,
                        "cannot delete Claude's transcript " + transcript + ": " + e.getMessage(), e);
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "deleted {0} transcripts of Claude conversation {1}", deleted, sessionId);
        return deleted;
    }

    private List<Path> find(String sessionId) {
        requireNonNull(sessionId, "sessionId is null");
        if (!SESSION_ID.matcher(sessionId).matches()) {
            throw new IllegalArgumentException("not a Claude session id: '" + sessionId + "'");
        }
        Path projects = configDir.resolve("projects");
        if (!Files.isDirectory(projects)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> projectDirs = Files.newDirectoryStream(projects, Files::isDirectory)) {
            for (Path projectDir : projectDirs) {
                Path transcript = projectDir.resolve(sessionId + ".jsonl");
                if (Files.isRegularFile(transcript)) {
                    found.add(transcript);
                }
            }
        } catch (IOException e) {
            throw new HotplexException(StandardErrorCode.INTERNAL,
                    "cannot search Claude's transcripts in " + projects + ": " + e.getMessage(), e);
        }
        return found;
    }

    private static boolean nonEmpty(Path transcript) {
        try {
            return Files.size(transcript) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
