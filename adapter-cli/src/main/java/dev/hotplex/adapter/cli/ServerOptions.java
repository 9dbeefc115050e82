package dev.hotplex.adapter.cli;

import picocli.CommandLine.Option;

import java.util.Optional;

/** The options every {@code hotplex sessions} subcommand shares: which server, and machine or human output. */
public final class ServerOptions {
    @Option(names = "--server", paramLabel = "URL",
            description = "The hotplex server (default: http://127.0.0.1:<http.port from the configuration>)."
                    + " The API key is read from $HOTPLEX_API_KEY.")
    String server;

    @Option(names = "--json", description = "Print JSON (one line) instead of a table.")
    boolean json;

    Optional<String> server() {
        return Optional.ofNullable(server);
    }
}
