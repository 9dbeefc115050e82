package dev.hotplex.adapter.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Diagnostics as a test sets them up. */
record FakeDiagnostics(String configurationSource, List<String> providers, Optional<String> agentBinary,
                       Path workspaceRoot, Path stateDir, int httpPort, TelemetrySummary telemetry)
        implements Diagnostics {
    static final TelemetrySummary NO_TELEMETRY = new TelemetrySummary("none", Optional.empty(), 0, true, false);

    FakeDiagnostics(Path workspace, Path state) {
        this("test settings", List.of("fake"), Optional.of("fake-cli"), workspace, state, 0, NO_TELEMETRY);
    }

    FakeDiagnostics withWorkspace(Path root) {
        return new FakeDiagnostics(configurationSource, providers, agentBinary, root, stateDir, httpPort, telemetry);
    }

    FakeDiagnostics withProviders(List<String> names) {
        return new FakeDiagnostics(configurationSource, names, agentBinary, workspaceRoot, stateDir, httpPort,
                telemetry);
    }

    FakeDiagnostics withPort(int port) {
        return new FakeDiagnostics(configurationSource, providers, agentBinary, workspaceRoot, stateDir, port,
                telemetry);
    }

    FakeDiagnostics withTelemetry(TelemetrySummary summary) {
        return new FakeDiagnostics(configurationSource, providers, agentBinary, workspaceRoot, stateDir, httpPort,
                summary);
    }
}
