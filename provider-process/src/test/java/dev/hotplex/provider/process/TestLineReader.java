package dev.hotplex.provider.process;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TestLineReader {
    @Test
    void splitsLinesDropsCarriageReturnsAndEmptyLinesAndKeepsAnUnterminatedLastLine() throws IOException {
        assertThat(readAll("a\nb\r\n\n\nc", 100)).containsExactly(text("a"), text("b"), text("c"));
        assertThat(readAll("", 100)).isEmpty();
        assertThat(readAll("\n\n", 100)).isEmpty();
    }

    @Test
    void decodesUtf8CharactersSplitAcrossReads() throws IOException {
        String line = "héllo ✓ 😀 wörld";
        InputStream oneByteAtATime = new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(length, 1));
            }
        };

        assertThat(readAll(oneByteAtATime, 100)).containsExactly(text(line));
    }

    @Test
    void aLineOfExactlyTheLimitIsKeptOneByteMoreIsSkippedWithItsLengthAndHead() throws IOException {
        String atLimit = "x".repeat(10);
        String over = "y".repeat(11);

        assertThat(readAll(atLimit + "\n" + over + "\nnext\n", 10))
                .containsExactly(text(atLimit), new LineReader.Line.Skipped(11, over), text("next"));
    }

    @Test
    void aHugeLineIsSkippedWithoutBeingBufferedAndTheStreamGoesOn() throws IOException {
        int size = 3 * 1024 * 1024;
        byte[] input = new byte[size + "\nafter\n".length()];
        java.util.Arrays.fill(input, 0, size, (byte) 'z');
        System.arraycopy("\nafter\n".getBytes(StandardCharsets.US_ASCII), 0, input, size, 7);

        List<LineReader.Line> lines = readAll(new ByteArrayInputStream(input), 64 * 1024);

        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst()).isInstanceOfSatisfying(LineReader.Line.Skipped.class, skipped -> {
            assertThat(skipped.bytes()).isEqualTo(size);
            assertThat(skipped.head()).hasSize(LineReader.SKIPPED_HEAD_BYTES).matches("z+");
        });
        assertThat(lines.get(1)).isEqualTo(text("after"));
    }

    @Test
    void severalMegabyteLinesUnderTheLimitArriveWhole() throws IOException {
        String big = "{\"text\":\"" + "a".repeat(5 * 1024 * 1024) + "\"}";

        List<LineReader.Line> lines = readAll(big + "\nsmall\n" + big + "\n", 8 * 1024 * 1024);

        assertThat(lines).containsExactly(text(big), text("small"), text(big));
    }

    @Test
    void anUnterminatedOverlongLastLineIsReportedAsSkipped() throws IOException {
        assertThat(readAll("abcdefgh", 4)).containsExactly(new LineReader.Line.Skipped(8, "abcdefgh"));
    }

    private static LineReader.Line text(String text) {
        return new LineReader.Line.Text(text);
    }

    private static List<LineReader.Line> readAll(String input, int max) throws IOException {
        return readAll(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), max);
    }

    private static List<LineReader.Line> readAll(InputStream input, int max) throws IOException {
        LineReader reader = new LineReader(input, max);
        List<LineReader.Line> lines = new ArrayList<>();
        for (Optional<LineReader.Line> line = reader.next(); line.isPresent(); line = reader.next()) {
            lines.add(line.get());
        }
        return lines;
    }
}
