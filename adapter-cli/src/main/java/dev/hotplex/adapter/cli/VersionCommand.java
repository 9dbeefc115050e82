package dev.hotplex.adapter.cli;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.port.in.Engine;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/** {@code hotplex version}: hotplex's own version and the agent CLI's. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the hotplex and agent CLI versions.")
public final class VersionCommand implements Callable<Integer> {
    private final Engine engine;

    @Spec
    private CommandSpec spec;

    @Inject
    public VersionCommand(Engine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String hotplex = VersionCommand.class.getPackage().getImplementationVersion();
        out.println("hotplex " + (hotplex == null ? "development build" : hotplex));
        try {
            out.println("agent CLI " + engine.cliVersion());
            return ExitCodes.OK;
        } catch (HotplexException e) {
            out.println("agent CLI unavailable: " + e.getMessage());
            return ExitCodes.forError(e.errorCode());
        }
    }
}
