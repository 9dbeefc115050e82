package dev.hotplex.adapter.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A command line a person got wrong is one line on stderr pointing at the help, and exit code 2. */
class CommandLineErrorsTest {
    @TempDir
    Path temp;

    @Test
    void anUnknownOptionIsOneLineNamingTheCommandsHelp() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.run("run", "--bogus", "x")).isEqualTo(ExitCodes.USAGE);

            assertThat(cli.err().lines().toList()).containsExactly(
                    "✗ Unknown option: '--bogus' (see hotplex run --help)");
            assertThat(cli.out()).isEmpty();
        }
    }

    @Test
    void aMissingArgumentAndAMistypedCommandToo() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.run("sessions", "show")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines().toList()).containsExactly(
                    "✗ Missing required parameter: 'ID' (see hotplex sessions show --help)");

            assertThat(cli.run("vesion")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines().toList()).singleElement().asString()
                    .contains("'vesion'", "did you mean version", "(see hotplex --help)");

            assertThat(cli.run("check")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines()).hasSize(1);
        }
    }

    @Test
    void aTurnThatNeverStartedPrintsTheErrorButNoEmptyStats() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.provider.failNextOpens(1);

            assertThat(cli.run("run", "hello")).isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE);

            assertThat(cli.out()).as("no '0 in / 0 out tokens' line for a turn that never ran").isEmpty();
            assertThat(cli.err().lines().toList()).singleElement().asString().startsWith("✗ ");
        }
    }

    @Test
    void aCrashAtStartIsOneLineWithoutTheTrace() {
        StringWriter err = new StringWriter();
        CommandLineRunner runner = new CommandLineRunner(new PrintWriter(err, true));

        int exit = runner.startupCrashed("java.lang.NoClassDefFoundError: dev/hotplex/Gone\n\tat somewhere",
                new NoClassDefFoundError("dev/hotplex/Gone"));

        assertThat(exit).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("hotplex: internal error while starting: java.lang.NoClassDefFoundError")
                .contains("--log-level debug");
    }

    @Test
    void theRootHelpDocumentsEveryExitCode() throws IllegalAccessException {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.run("--help")).isZero();
            for (java.lang.reflect.Field field : ExitCodes.class.getFields()) {
                if (field.getType() == int.class && java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    assertThat(cli.out()).as(field.getName()).containsPattern("(?m)^  " + field.getInt(null) + " +\\S");
                }
            }
        }
    }

    @Test
    void aBadSessionIdForTheServerIsAUsageErrorBeforeAnyRequest() {
        try (CliHarness cli = new CliHarness(temp)) {
            // no server listens on the diagnostics' port: had a request been made, the exit code would be 6
            for (String command : java.util.List.of("show", "stop", "reset")) {
                assertThat(cli.run("sessions", command, "")).as(command).isEqualTo(ExitCodes.USAGE);
                assertThat(cli.err().lines().toList()).singleElement().asString().contains("invalid session id");
                assertThat(cli.run("sessions", command, "../etc")).isEqualTo(ExitCodes.USAGE);
            }
        }
    }

    @Test
    void aBareCommandGroupShowsWhatThereIsAndExitsTwo() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.run()).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err()).contains("Usage: hotplex", "Commands:", "run", "sessions");

            assertThat(cli.run("sessions")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err()).contains("Usage: hotplex sessions", "list", "show");

            assertThat(cli.run("--bogus")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines()).as("a mistake is still one line").hasSize(1);
        }
    }
}
