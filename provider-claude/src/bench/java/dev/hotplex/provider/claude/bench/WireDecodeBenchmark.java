package dev.hotplex.provider.claude.bench;

import dev.hotplex.provider.claude.internal.wire.ClaudeLineDecoder;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage;
import dev.hotplex.provider.claude.internal.wire.TurnEventMapper;
import dev.hotplex.provider.claude.internal.wire.TurnStep;
import dev.hotplex.provider.claude.internal.wire.WireMapperFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Issue #8 point 5: how fast the provider turns the CLI's stdout into typed events. The corpus is every transcript
 * recorded from the real Claude Code CLI 2.1.330 (the test resources under {@code fixtures/}), line by line, in
 * order; one operation is one line. {@code decode} parses a line into a {@link ClaudeMessage}; {@code decodeAndMap}
 * also runs it through a {@link TurnEventMapper} (a fresh one at the start of each transcript, as a new turn gets),
 * which is the whole per-line cost of the stdout reader. Throughput is lines/s; MB/s = lines/s × the corpus's mean
 * line size, printed at setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class WireDecodeBenchmark {
    private static final String DIRECTORY = "/fixtures/claude-cli-2.1.330/";

    private final ClaudeLineDecoder decoder = new ClaudeLineDecoder(WireMapperFactory.create());
    private String[] lines;
    private boolean[] startsTranscript;
    private int next;
    private TurnEventMapper mapper;

    @Setup
    public void loadTranscripts() throws IOException, URISyntaxException {
        List<String> all = new ArrayList<>();
        List<Boolean> starts = new ArrayList<>();
        Path directory = Path.of(Objects.requireNonNull(getClass().getResource(DIRECTORY), DIRECTORY).toURI());
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                List<String> transcript = read(file);
                for (int i = 0; i < transcript.size(); i++) {
                    all.add(transcript.get(i));
                    starts.add(i == 0);
                }
            }
        }
        lines = all.toArray(String[]::new);
        startsTranscript = new boolean[starts.size()];
        for (int i = 0; i < startsTranscript.length; i++) {
            startsTranscript[i] = starts.get(i);
        }
        long bytes = all.stream().mapToLong(line -> line.getBytes(StandardCharsets.UTF_8).length + 1L).sum();
        System.out.printf("%ncorpus: %d lines, %d bytes, mean %.1f bytes per line%n", lines.length, bytes,
                (double) bytes / lines.length);
        mapper = new TurnEventMapper();
    }

    @Benchmark
    public ClaudeMessage decode() {
        String line = lines[next];
        next = next + 1 == lines.length ? 0 : next + 1;
        return decoder.decode(line);
    }

    @Benchmark
    public TurnStep decodeAndMap() {
        int index = next;
        next = next + 1 == lines.length ? 0 : next + 1;
        if (startsTranscript[index]) {
            mapper = new TurnEventMapper();
        }
        return mapper.accept(decoder.decode(lines[index]));
    }

    private static List<String> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
