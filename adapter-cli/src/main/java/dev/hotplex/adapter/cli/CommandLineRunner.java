package dev.hotplex.adapter.cli;

import dev.hotplex.core.error.HotplexException;
import picocli.CommandLine;

import java.io.PrintWriter;

/** Runs the command tree against the terminal and turns every failure into a message and an exit code. */
public final class CommandLineRunner {
    private final PrintWriter err;

    public CommandLineRunner() {
        this(new PrintWriter(System.err, true));
    }

    public CommandLineRunner(PrintWriter err) {
        this.err = err;
    }

    public int run(String[] args, CommandLine.IFactory factory) {
        return commandLine(factory).execute(args);
    }

    /** The command tree with hotplex's error handling, for {@link #run} and for tests that capture its output. */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(RootCommand.class, factory);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof HotplexException hotplex) {
                line.getErr().println("✗ " + hotplex.errorCode().name() + ": " + hotplex.getMessage());
                return ExitCodes.forError(hotplex.errorCode());
            }
            line.getErr().println("✗ internal error: " + exception);
            return ExitCodes.INTERNAL;
        });
        return commandLine;
    }

    /** For failures before any command could run (bad configuration, unusable workspace). */
    public int startupFailed(HotplexException failure) {
        err.println("hotplex: " + failure.errorCode().name() + ": " + failure.getMessage());
        err.flush();
        return ExitCodes.forError(failure.errorCode());
    }
}
