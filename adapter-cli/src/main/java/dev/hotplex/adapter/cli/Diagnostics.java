package dev.hotplex.adapter.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code hotplex doctor} needs to know about the assembled application (its configuration), which only the app
 * has; the app implements it, so this module never depends on the app.
 */
public interface Diagnostics {
    /** Where the configuration came from, e.g. {@code config file /etc/hotplex.yaml, environment and overrides}. */
    String configurationSource();

    /** The configured agent providers, e.g. {@code [claude]}; empty when none is configured. */
    List<String> providers();

    /** The agent CLI binary as configured (a name looked up on PATH or a path), if the provider has one. */
    Optional<String> agentBinary();

    Path workspaceRoot();

    Path stateDir();

    /** The port {@code hotplex serve} listens on. */
    int httpPort();

    /**
     * Who holds the state dir's session store right now, e.g. {@code hotplex process 4242}, if another process does
     * ({@code run} and {@code chat} there would exit 9). Looking must not take the store.
     */
    default Optional<String> stateDirHolder() {
        return Optional.empty();
    }

    /** The telemetry settings as they apply: exporter, endpoint (no secrets), {@code /metrics}, content capture. */
    TelemetrySummary telemetry();

    /** What confines the agent CLIs at the OS level, e.g. {@code bwrap (bubblewrap 0.8.0, /usr/bin/bwrap)} or {@code none}. */
    default String sandbox() {
        return "not checked";
    }

    /** Why the agent CLIs run unconfined when nobody chose that (a warning for {@code doctor}). */
    default Optional<String> sandboxWarning() {
        return Optional.empty();
    }
}
