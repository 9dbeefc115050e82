package dev.hotplex.adapter.cli;

import dev.hotplex.adapter.cli.json.ApiJson;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.adapter.cli.json.RemoteSession;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/** {@code hotplex sessions show ID}: one session's state, process and work dir. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one session.")
public final class SessionsShowCommand implements Callable<Integer> {
    private final ServerApiFactory servers;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServerOptions options;

    @Parameters(paramLabel = "ID", description = "The session id, as used when its turns were started.")
    private String id;

    @Inject
    public SessionsShowCommand(ServerApiFactory servers) {
        this.servers = requireNonNull(servers, "servers is null");
    }

    @Override
    public Integer call() {
        SessionId.of(id); // a bad id is the person's mistake, said here rather than by the server (or misread as a list)
        return RemoteCall.run(servers, options, spec.commandLine().getOut(), spec.commandLine().getErr(),
                (api, out) -> {
                    RemoteSession session = api.show(id);
                    if (options.json) {
                        out.println(new ApiJson().line(session));
                    } else {
                        SessionTable.show(session, out);
                    }
                });
    }
}
