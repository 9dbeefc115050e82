package dev.hotplex.adapter.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class VersionCommandTest {
    @TempDir
    Path temp;

    @Test
    void printsBothVersions() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.run("version")).isZero();
            assertThat(cli.out()).contains("hotplex ", "agent CLI fake 1.0");
        }
    }

    @Test
    void anUnavailableCliExitsFour() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.provider.setUnavailable(true);
            assertThat(cli.run("version")).isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE);
        }
    }

    @Test
    void theRootListsEveryCommandAndUnknownCommandsExitTwo() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.run("--help")).isZero();
            assertThat(cli.out()).contains("run", "chat", "check", "doctor", "version");
            assertThat(cli.run("frobnicate")).isEqualTo(ExitCodes.USAGE);
        }
    }
}
