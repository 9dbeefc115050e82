package dev.hotplex.provider.claude.internal.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/** The recorded stdout of the real Claude Code CLI 2.1.330, one JSON object per line. */
final class Fixtures {
    private static final String DIRECTORY = "/fixtures/claude-cli-2.1.330/";

    private Fixtures() {
    }

    static List<String> lines(String name) {
        try (InputStream in = requireNonNull(Fixtures.class.getResourceAsStream(DIRECTORY + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every transcript file name, sorted. */
    static Stream<String> names() {
        URL directory = requireNonNull(Fixtures.class.getResource(DIRECTORY), DIRECTORY);
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".jsonl"))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
