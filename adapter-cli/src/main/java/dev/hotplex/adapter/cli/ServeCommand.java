package dev.hotplex.adapter.cli;

import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/** {@code hotplex serve}: runs the configured delivery adapters (the HTTP API) until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the HTTP API (REST, SSE, WebSocket) with the configured provider until stopped.",
                "Configure it with http.host, http.port and http.api-keys (KEY=TENANT entries);"
                        + " binding beyond loopback needs keys. SIGTERM drains: running turns may finish"
                        + " within http.shutdown-deadline, then every session is stopped."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"2:usage or configuration error, or http.port is already in use",
                "9:another hotplex process holds the state dir", "70:internal error",
                "130:stopped by Ctrl-C, after draining", "143:stopped by SIGTERM, after draining"})
public final class ServeCommand implements Callable<Integer> {
    private final ServiceHost host;

    @Spec
    private CommandSpec spec;

    @Inject
    public ServeCommand(ServiceHost host) {
        this.host = requireNonNull(host, "host is null");
    }

    @Override
    public Integer call() {
        return host.serveUntilStopped(spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
