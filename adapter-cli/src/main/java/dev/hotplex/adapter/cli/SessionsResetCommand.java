package dev.hotplex.adapter.cli;

import dev.hotplex.adapter.cli.json.ApiJson;
import dev.hotplex.core.model.SessionId;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/** {@code hotplex sessions reset ID}: Reset a session: its next turn starts a fresh conversation. */
@Command(name = "reset", mixinStandardHelpOptions = true, description = "Reset a session: its next turn starts a fresh conversation.")
public final class SessionsResetCommand implements Callable<Integer> {
    private final ServerApiFactory servers;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServerOptions options;

    @Parameters(paramLabel = "ID", description = "The session id.")
    private String id;

    @Inject
    public SessionsResetCommand(ServerApiFactory servers) {
        this.servers = requireNonNull(servers, "servers is null");
    }

    @Override
    public Integer call() {
        SessionId.of(id); // a bad id is the person's mistake, said here rather than by the server (or misread as a list)
        return RemoteCall.run(servers, options, spec.commandLine().getOut(), spec.commandLine().getErr(),
                (api, out) -> {
                    api.reset(id);
                    out.println(options.json ? new ApiJson().actionLine(id, "reset") : "reset session " + id);
                });
    }
}
