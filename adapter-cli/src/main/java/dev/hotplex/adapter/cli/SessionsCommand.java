package dev.hotplex.adapter.cli;

import jakarta.inject.Inject;
import picocli.CommandLine.Command;

/** {@code hotplex sessions}: the sessions of a running server, over its HTTP API. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = {"List, show, stop and reset the sessions of a running hotplex server (see `hotplex serve`).",
                "The server is --server URL (default http://127.0.0.1:<http.port>); the API key comes from"
                        + " $HOTPLEX_API_KEY and is never taken as a flag."},
        subcommands = {SessionsListCommand.class, SessionsShowCommand.class, SessionsStopCommand.class,
                SessionsResetCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:usage error (bad --server URL, bad session id)",
                "5:the server is busy or rate-limits this key: retry later",
                "6:the server cannot be reached (or did not answer in time)",
                "7:the server refused the API key (401)", "8:no such session for this API key (404)",
                "70:internal error or unexpected answer"})
public final class SessionsCommand {
    @Inject
    public SessionsCommand() {
        // a group: picocli prints usage when no subcommand is given
    }
}
