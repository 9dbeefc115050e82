package dev.hotplex.adapter.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hotplex chat < file}: lines in order; an oversized one is skipped with a message; the end of input leaves. */
class PipedChatTerminalTest {
    @Test
    void anOversizedLineIsSkippedAndTheNextOneRead() {
        String input = "first\n" + "x".repeat(PipedChatTerminal.MAX_LINE_CHARS + 1) + "\nsecond\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PipedChatTerminal terminal = new PipedChatTerminal(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);

        assertThat(terminal.readLine("you> ")).contains("first");
        assertThat(terminal.readLine("you> ")).contains("second");
        assertThat(terminal.readLine("you> ")).isEqualTo(Optional.empty());
        terminal.close();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("✗ skipped a line of "
                + (PipedChatTerminal.MAX_LINE_CHARS + 1) + " characters");
    }
}
