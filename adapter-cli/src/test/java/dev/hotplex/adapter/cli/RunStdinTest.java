package dev.hotplex.adapter.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run -} with stdin a person (or a script) got wrong: every refusal is one line and exit code 2. */
class RunStdinTest {
    @TempDir
    Path temp;

    @Test
    void moreThanTheStdinLimitIsRefusedWithoutReadingItAll() {
        byte[] huge = new byte[RunCommand.MAX_STDIN_BYTES + 1];
        Arrays.fill(huge, (byte) 'a');
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.stdin(huge).run("run", "-")).isEqualTo(ExitCodes.USAGE);

            assertThat(cli.err().lines().toList()).containsExactly(
                    "✗ the prompt on stdin is longer than " + RunCommand.MAX_STDIN_BYTES + " bytes");
            assertThat(cli.provider.openCount()).isZero();
        }
    }

    @Test
    void aPromptLongerThanTheEngineTakesIsOneLine() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.stdin("b".repeat(300_000)).run("run", "-")).isEqualTo(ExitCodes.USAGE);

            assertThat(cli.err().lines().toList()).singleElement().asString()
                    .startsWith("✗ INVALID_REQUEST: prompt is 300000 characters long");
        }
    }

    @Test
    void binaryStdinIsRefusedInOneLine() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.stdin(new byte[] {(byte) 0xff, 0, (byte) 0xfe, 'x', 0}).run("run", "-"))
                    .isEqualTo(ExitCodes.USAGE);

            assertThat(cli.err().lines().toList()).singleElement().asString().startsWith("✗ INVALID_REQUEST:")
                    .contains("NUL");
            assertThat(cli.provider.openCount()).isZero();
        }
    }

    @Test
    void emptyStdinSaysNothingCame() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.stdin("").run("run", "-")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err()).isEqualTo("✗ the prompt is empty (nothing came on stdin)" + System.lineSeparator());
        }
    }
}
