package dev.hotplex.provider.codex.internal.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Recorded {@code codex app-server} 0.169.0 sessions (both directions), one {@code {"dir", "t", "msg"}} per
 * line: {@code hello} is the team's recording, the others were recorded against the fake Responses API.
 */
final class Transcripts {
    private static final String DIRECTORY = "/fixtures/codex-0.169.0/";
    private static final Pattern SERVER_LINE = Pattern.compile("^\\{\"dir\": \"<-\", \"t\": [0-9.]+, \"msg\": (.*)}$");

    private Transcripts() {
    }

    /** What the server wrote, line by line, exactly as it came. */
    static List<String> serverLines(String name) {
        try (InputStream in = requireNonNull(Transcripts.class.getResourceAsStream(DIRECTORY + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(SERVER_LINE::matcher)
                    .filter(Matcher::matches)
                    .map(matcher -> matcher.group(1))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
