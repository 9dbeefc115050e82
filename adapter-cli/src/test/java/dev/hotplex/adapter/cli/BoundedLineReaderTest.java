package dev.hotplex.adapter.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedLineReaderTest {
    @Test
    void splitsLinesAndKeepsOnlyShortOnes() throws IOException {
        BoundedLineReader reader = new BoundedLineReader(new StringReader("ab\r\n" + "x".repeat(20) + "\n\nlast"), 5);
        List<BoundedLineReader.Line> lines = new ArrayList<>();
        for (Optional<BoundedLineReader.Line> line = reader.next(); line.isPresent(); line = reader.next()) {
            lines.add(line.get());
        }
        assertThat(lines).containsExactly(new BoundedLineReader.Line(Optional.of("ab"), 2),
                new BoundedLineReader.Line(Optional.empty(), 20),
                new BoundedLineReader.Line(Optional.of(""), 0),
                new BoundedLineReader.Line(Optional.of("last"), 4));
    }

    @Test
    void anEmptyInputHasNoLines() throws IOException {
        assertThat(new BoundedLineReader(new StringReader(""), 5).next()).isEmpty();
    }
}
