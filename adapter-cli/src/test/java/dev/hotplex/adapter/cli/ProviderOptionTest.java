package dev.hotplex.adapter.cli;

import dev.hotplex.core.model.SessionId;
import dev.hotplex.testkit.FakeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run --provider} and {@code chat --provider} pick the session's agent CLI; {@code doctor} checks each. */
class ProviderOptionTest {
    @TempDir
    Path temp;

    @Test
    void run_starts_the_session_on_the_named_provider() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.run("run", "--session", "p1", "--provider", FakeProvider.NAME, "hello")).isZero();

            assertThat(cli.out()).contains("echo: hello");
            assertThat(cli.engine.session(SessionId.of("p1")).orElseThrow().provider()).isEqualTo(FakeProvider.NAME);
        }
    }

    @Test
    void run_with_an_unconfigured_provider_fails_clearly_and_starts_nothing() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.run("run", "--session", "p2", "--provider", "codex", "hello")).isNotZero();

            assertThat(cli.out() + cli.err()).contains("provider 'codex' is not configured");
            assertThat(cli.provider.openCount()).isZero();
        }
    }

    @Test
    void doctor_with_several_providers_lists_each_cli_and_fails_when_one_cannot_run() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.diagnostics = cli.diagnostics.withProviders(List.of(FakeProvider.NAME, "codex"));
            cli.run("doctor");
            assertThat(cli.out()).contains("agent CLI  " + FakeProvider.NAME + " → " + FakeProvider.DEFAULT_VERSION);

            cli.provider.setUnavailable(true);
            assertThat(cli.run("doctor")).isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE);
            assertThat(cli.out()).contains("FAIL  agent CLI", FakeProvider.NAME + " → unavailable");
        }
    }
}
