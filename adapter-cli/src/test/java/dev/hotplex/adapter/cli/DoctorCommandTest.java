package dev.hotplex.adapter.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DoctorCommandTest {
    @TempDir
    Path temp;

    @Test
    void allChecksOkExitsZero() throws IOException {
        try (CliHarness cli = new CliHarness(temp)) {
            Files.createDirectories(cli.diagnostics.workspaceRoot());
            Files.createDirectories(cli.diagnostics.stateDir());

            assertThat(cli.run("doctor")).isZero();
            assertThat(cli.out().lines().toList()).hasSize(8).allSatisfy(line -> assertThat(line).startsWith("ok "));
            assertThat(cli.out()).contains("agent CLI  fake-cli → fake 1.0", "config     loaded from test settings",
                    "JDK", "HTTP port", "sandbox", "telemetry  exporter none (nothing pushed) · /metrics on");
        }
    }

    @Test
    void missingDirectoriesAreWarningsWhenTheyCanBeCreated() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.run("doctor")).isZero();
            assertThat(cli.out()).contains("warn  state dir", "does not exist yet", "mkdir -p");
        }
    }

    @Test
    void aMissingAgentCliExitsFour() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.provider.setUnavailable(true);

            assertThat(cli.run("doctor")).isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE);
            assertThat(cli.out()).contains("FAIL  agent CLI", "fake agent CLI is not installed", "→ install Claude Code");
        }
    }

    @Test
    void noConfiguredProviderExitsFour() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.diagnostics = cli.diagnostics.withProviders(List.of());

            assertThat(cli.run("doctor")).isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE);
            assertThat(cli.out()).contains("no agent provider is configured");
        }
    }

    @Test
    void anUnusableWorkspaceIsAConfigProblemExitTwo() throws IOException {
        try (CliHarness cli = new CliHarness(temp)) {
            Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
            cli.diagnostics = cli.diagnostics.withWorkspace(file);

            assertThat(cli.run("doctor")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.out()).contains("FAIL  workspace", "is not a directory", "workspace.root");
        }
    }

    @Test
    void theMissingCliWinsOverConfigProblems() throws IOException {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.provider.setUnavailable(true);
            cli.diagnostics = cli.diagnostics.withWorkspace(Files.writeString(temp.resolve("f"), "x"));

            assertThat(cli.run("doctor")).isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE);
        }
    }

    @Test
    void aBusyHttpPortIsAWarning() throws IOException {
        try (CliHarness cli = new CliHarness(temp);
             ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            cli.diagnostics = cli.diagnostics.withPort(busy.getLocalPort());

            assertThat(cli.run("doctor")).isZero();
            assertThat(cli.out()).contains("warn  HTTP port  " + busy.getLocalPort() + " is in use");
        }
    }

    @Test
    void unknownOptionsExitTwo() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.run("doctor", "--fix")).isEqualTo(ExitCodes.USAGE);
        }
    }

    @Test
    void telemetryShowsTheExporterAndEndpointButNoSecret() throws IOException {
        try (CliHarness cli = new CliHarness(temp);
             ServerSocket collector = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.createDirectories(cli.diagnostics.workspaceRoot());
            Files.createDirectories(cli.diagnostics.stateDir());
            java.net.URI endpoint = java.net.URI.create("http://user:s3cret@127.0.0.1:" + collector.getLocalPort()
                    + "/otlp?token=s3cret");
            cli.diagnostics = cli.diagnostics.withTelemetry(new TelemetrySummary("otlp",
                    java.util.Optional.of(endpoint), 2, false, false));

            assertThat(cli.run("doctor")).isZero();
            assertThat(cli.out()).contains("ok    telemetry  exporter otlp → http://127.0.0.1:" + collector.getLocalPort()
                    + "/otlp (2 headers, values hidden) · /metrics off · content capture off")
                    .doesNotContain("s3cret").doesNotContain("user");
        }
    }

    @Test
    void aCollectorNobodyListensAtIsAWarning() throws IOException {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        try (CliHarness cli = new CliHarness(temp)) {
            cli.diagnostics = cli.diagnostics.withTelemetry(new TelemetrySummary("otlp",
                    java.util.Optional.of(java.net.URI.create("http://127.0.0.1:" + closedPort)), 0, true, false));

            assertThat(cli.run("doctor")).as("telemetry never makes hotplex unusable").isZero();
            assertThat(cli.out()).contains("warn  telemetry", "nothing answers at 127.0.0.1:" + closedPort,
                    "telemetry.otlp-endpoint");
        }
    }

    @Test
    void capturedContentIsAWarning() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.diagnostics = cli.diagnostics.withTelemetry(new TelemetrySummary("logging",
                    java.util.Optional.empty(), 0, true, true));

            cli.run("doctor");
            assertThat(cli.out()).contains("warn  telemetry  exporter logging", "content capture ON",
                    "telemetry.capture-content: false");
        }
    }
}
