package dev.hotplex.adapter.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads lines but keeps at most {@code maxChars} of each: a multi-gigabyte line in a {@code --jsonl} stream costs its
 * reading time, never the heap. {@code \n}, {@code \r\n} and a last line without a newline all end a line.
 */
final class BoundedLineReader {
    /** One line: its text, or only its length when it was too long to keep. */
    record Line(Optional<String> text, long length) {
    }

    private final Reader reader;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;

    BoundedLineReader(Reader reader, int maxChars) {
        this.reader = requireNonNull(reader, "reader is null");
        this.maxChars = maxChars;
    }

    /** The next line, or empty at the end of the input. */
    Optional<Line> next() throws IOException {
        StringBuilder kept = new StringBuilder();
        long length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = reader.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? Optional.of(line(kept, length)) : Optional.empty();
                }
            }
            any = true;
            char c = buffer[position++];
            if (c == '\n') {
                if (!kept.isEmpty() && kept.charAt(kept.length() - 1) == '\r' && length <= maxChars) {
                    kept.setLength(kept.length() - 1);
                    length--;
                }
                return Optional.of(line(kept, length));
            }
            length++;
            if (length <= maxChars) {
                kept.append(c);
            } else if (!kept.isEmpty()) {
                kept.setLength(0);
                kept.trimToSize();
            }
        }
    }

    private Line line(StringBuilder kept, long length) {
        return new Line(length <= maxChars ? Optional.of(kept.toString()) : Optional.empty(), length);
    }
}
