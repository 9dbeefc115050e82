package dev.hotplex.adapter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.testkit.FakeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VersionCommandTest {
    @TempDir
    Path temp;

    @Test
    void printsHotplexAndTheProvidersCliVersion() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.run("version")).isZero();
            assertThat(cli.out().lines().toList()).containsExactly("hotplex " + VersionCommand.hotplexVersion(),
                    "fake " + FakeProvider.DEFAULT_VERSION);
        }
    }

    @Test
    void anUnavailableDefaultCliSaysWhyAndExitsFour() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.provider.setUnavailable(true);
            assertThat(cli.run("version")).isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE);
            assertThat(cli.out()).contains("fake unavailable: fake agent CLI is not installed");
        }
    }

    @Test
    void everyConfiguredProviderHasItsLineAndOnlyTheDefaultDecidesTheExitCode() {
        Named second = new Named("second", new FakeProvider());
        try (CliHarness cli = new CliHarness(temp, List.of(second))) {
            second.unavailable = true;
            assertThat(cli.run("version")).as("another provider's CLI missing is shown, not fatal").isZero();
            assertThat(cli.out().lines().toList()).containsExactly(
                    "hotplex " + VersionCommand.hotplexVersion(),
                    "fake (default) " + FakeProvider.DEFAULT_VERSION,
                    "second unavailable: second is not installed");

            second.unavailable = false;
            cli.provider.setUnavailable(true);
            assertThat(cli.run("version")).isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE);
            assertThat(cli.out()).contains("fake (default) unavailable: fake agent CLI is not installed",
                    "second " + FakeProvider.DEFAULT_VERSION);
        }
    }

    @Test
    void jsonIsOneLineWithEveryProviderInOrder() throws Exception {
        Named second = new Named("second", new FakeProvider());
        second.unavailable = true;
        try (CliHarness cli = new CliHarness(temp, List.of(second))) {
            assertThat(cli.run("version", "--json")).isZero();

            assertThat(cli.out().lines()).hasSize(1);
            JsonNode json = new ObjectMapper().readTree(cli.out());
            assertThat(json.get("hotplex").asText()).isEqualTo(VersionCommand.hotplexVersion());
            assertThat(json.get("providers")).hasSize(2);
            assertThat(json.get("providers").get(0).get("name").asText()).isEqualTo("fake");
            assertThat(json.get("providers").get(0).get("default").asBoolean()).isTrue();
            assertThat(json.get("providers").get(0).get("version").asText()).isEqualTo(FakeProvider.DEFAULT_VERSION);
            assertThat(json.get("providers").get(1).get("default").asBoolean()).isFalse();
            assertThat(json.get("providers").get(1).get("unavailable").asText()).isEqualTo("second is not installed");
            assertThat(json.get("providers").get(1).has("version")).isFalse();
        }
    }

    @Test
    void dashVPrintsTheVersionOnEveryCommand() {
        try (CliHarness cli = new CliHarness(temp)) {
            for (String[] args : List.of(new String[] {"-V"}, new String[] {"run", "-V"},
                    new String[] {"sessions", "list", "--version"})) {
                assertThat(cli.run(args)).isZero();
                assertThat(cli.out()).isEqualTo("hotplex " + VersionCommand.hotplexVersion() + System.lineSeparator());
            }
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

    /** A provider under another name, whose CLI can be made unavailable. */
    private static final class Named implements AgentProvider {
        private final String name;
        private final FakeProvider delegate;
        volatile boolean unavailable;

        Named(String name, FakeProvider delegate) {
            this.name = name;
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String version() {
            if (unavailable) {
                throw new HotplexException(StandardErrorCode.PROVIDER_UNAVAILABLE, name + " is not installed");
            }
            return delegate.version();
        }

        @Override
        public AgentConnection open(SessionSpec spec) {
            return delegate.open(spec);
        }

        @Override
        public boolean canResume(SessionSpec spec) {
            return delegate.canResume(spec);
        }

        @Override
        public void discardSessionFiles(SessionSpec spec) {
            delegate.discardSessionFiles(spec);
        }
    }
}
