package dev.hotplex.provider.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Splits a byte stream into {@code \n}-terminated UTF-8 lines with a bounded memory footprint: a line
 * longer than {@code maxLineBytes} is not buffered but skipped up to its end and reported as
 * {@link Line.Skipped} with its length and first bytes, so one huge line costs neither the session nor
 * the heap. Lines may be several MB (large tool outputs are real), so the buffer grows as needed up to
 * the limit and shrinks back after a large line. A trailing {@code \r} is dropped; empty lines are
 * ignored. Not thread-safe: one reader thread.
 */
final class LineReader {
    /** How much of a skipped line is kept to say what it was. */
    static final int SKIPPED_HEAD_BYTES = 256;
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final int INITIAL_LINE_BYTES = 8 * 1024;
    private static final int KEEP_LINE_BYTES = 1024 * 1024;

    /** One line of the stream. */
    sealed interface Line {
        record Text(String text) implements Line {
            public Text {
                requireNonNull(text, "text is null");
            }
        }

        /** A line over the limit: {@code bytes} long (without the newline), of which {@code head} is the start. */
        record Skipped(long bytes, String head) implements Line {
            public Skipped {
                requireNonNull(head, "head is null");
            }
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private int position;
    private int limit;
    private byte[] line = new byte[INITIAL_LINE_BYTES];
    private int length;
    private long skippedLength = -1;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = requireNonNull(in, "in is null");
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive, got " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line; empty at the end of the stream. An unterminated last line is returned as a line. */
    Optional<Line> next() throws IOException {
        while (true) {
            if (position == limit) {
                int read = in.read(chunk);
                if (read < 0) {
                    return pendingAtEnd();
                }
                position = 0;
                limit = read;
            }
            int newline = indexOfNewline();
            int end = newline < 0 ? limit : newline;
            append(end - position);
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                Optional<Line> complete = finish();
                if (complete.isPresent()) {
                    return complete;
                }
            }
        }
    }

    private Optional<Line> pendingAtEnd() {
        if (length == 0 && skippedLength < 0) {
            return Optional.empty();
        }
        return finish();
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int count) {
        if (skippedLength >= 0) {
            skippedLength += count;
            return;
        }
        if ((long) length + count > maxLineBytes) {
            skippedLength = (long) length + count;
            int head = Math.min(SKIPPED_HEAD_BYTES, length);
            int fromChunk = Math.min(SKIPPED_HEAD_BYTES - head, count);
            line = Arrays.copyOf(line, Math.max(line.length, head + fromChunk));
            System.arraycopy(chunk, position, line, head, fromChunk);
            length = head + fromChunk;
            return;
        }
        if (length + count > line.length) {
            long grown = Math.max((long) line.length * 2, (long) length + count);
            line = Arrays.copyOf(line, (int) Math.min(grown, maxLineBytes));
        }
        System.arraycopy(chunk, position, line, length, count);
        length += count;
    }

    private Optional<Line> finish() {
        Line result;
        if (skippedLength >= 0) {
            result = new Line.Skipped(skippedLength, new String(line, 0, length, StandardCharsets.UTF_8));
        } else {
            int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
            result = end == 0 ? null : new Line.Text(new String(line, 0, end, StandardCharsets.UTF_8));
        }
        length = 0;
        skippedLength = -1;
        if (line.length > KEEP_LINE_BYTES) {
            line = new byte[INITIAL_LINE_BYTES];
        }
        return Optional.ofNullable(result);
    }
}
