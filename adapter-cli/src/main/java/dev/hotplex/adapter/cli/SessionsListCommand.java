package dev.hotplex.adapter.cli;

import dev.hotplex.adapter.cli.json.ApiJson;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/** {@code hotplex sessions list}: the caller's sessions on the server, as a table or one JSON line. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the sessions this API key owns.")
public final class SessionsListCommand implements Callable<Integer> {
    private final ServerApiFactory servers;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServerOptions options;

    @Inject
    public SessionsListCommand(ServerApiFactory servers) {
        this.servers = requireNonNull(servers, "servers is null");
    }

    @Override
    public Integer call() {
        return RemoteCall.run(servers, options, spec.commandLine().getOut(), spec.commandLine().getErr(),
                (api, out) -> {
                    var sessions = api.list();
                    if (options.json) {
                        out.println(new ApiJson().line(sessions));
                    } else {
                        SessionTable.list(sessions, out);
                    }
                });
    }
}
