package dev.hotplex.adapter.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Diagnostics as a test sets them up. */
record FakeDiagnostics(String configurationSource, List<String> providers, Optional<String> agentBinary,
                       Path workspaceRoot, Path stateDir, int httpPort) implements Diagnostics {
    FakeDiagnostics(Path workspace, Path state) {
        this("test settings", List.of("fake"), Optional.of("fake-cli"), workspace, state, 0);
    }

    FakeDiagnostics withWorkspace(Path root) {
        return new FakeDiagnostics(configurationSource, providers, agentBinary, root, stateDir, httpPort);
    }

    FakeDiagnostics withProviders(List<String> names) {
        return new FakeDiagnostics(configurationSource, names, agentBinary, workspaceRoot, stateDir, httpPort);
    }

    FakeDiagnostics withPort(int port) {
        return new FakeDiagnostics(configurationSource, providers, agentBinary, workspaceRoot, stateDir, port);
    }
}
