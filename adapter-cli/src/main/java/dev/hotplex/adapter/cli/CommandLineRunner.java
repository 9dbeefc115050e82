package dev.hotplex.adapter.cli;

import dev.hotplex.core.error.HotplexException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Runs the command tree against the terminal and turns every failure into one line and an exit code. A stack trace
 * is for developers: it goes to the log at debug level ({@code --log-level debug}), never to the person's screen.
 */
public final class CommandLineRunner {
    private static final System.Logger LOG = System.getLogger(CommandLineRunner.class.getName());

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
            LOG.log(System.Logger.Level.DEBUG, "hotplex " + line.getCommandName() + " failed", exception);
            if (exception instanceof HotplexException hotplex) {
                line.getErr().println("✗ " + hotplex.errorCode().name() + ": " + oneLine(hotplex.getMessage()));
                return ExitCodes.forError(hotplex.errorCode());
            }
            line.getErr().println("✗ internal error: " + oneLine(String.valueOf(exception))
                    + " (--log-level debug shows where)");
            return ExitCodes.INTERNAL;
        });
        // a mistyped command line is one line and a pointer to the help, not the whole usage text
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine line = exception.getCommandLine();
            if (!line.getSubcommands().isEmpty() && !(exception instanceof CommandLine.UnmatchedArgumentException)
                    && !(exception instanceof CommandLine.MissingParameterException)) {
                // a bare `hotplex` or `hotplex sessions`: the person wants to know what there is
                line.usage(line.getErr());
                return ExitCodes.USAGE;
            }
            String suggestions = exception instanceof CommandLine.UnmatchedArgumentException unmatched
                    && !unmatched.getSuggestions().isEmpty()
                    ? "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?" : "";
            line.getErr().println("✗ " + oneLine(exception.getMessage()) + suggestions + " (see "
                    + line.getCommandSpec().qualifiedName() + " --help)");
            return ExitCodes.USAGE;
        });
        // every command's -V/--version prints hotplex's version (picocli would print an empty line)
        HotplexVersion version = new HotplexVersion();
        setVersionProvider(commandLine, version);
        return commandLine;
    }

    private static void setVersionProvider(CommandLine line, CommandLine.IVersionProvider version) {
        line.getCommandSpec().versionProvider(version);
        line.getSubcommands().values().forEach(sub -> setVersionProvider(sub, version));
    }

    /** For failures before any command could run (bad configuration, unusable workspace). */
    public int startupFailed(HotplexException failure) {
        LOG.log(System.Logger.Level.DEBUG, "hotplex could not start", failure);
        err.println("hotplex: " + failure.errorCode().name() + ": " + oneLine(failure.getMessage()));
        err.flush();
        return ExitCodes.forError(failure.errorCode());
    }

    /** For a bug (or a broken installation) that stops hotplex before any command: one line, the trace at debug. */
    public int startupCrashed(String what, Throwable failure) {
        LOG.log(System.Logger.Level.DEBUG, "hotplex could not start", failure);
        err.println("hotplex: internal error while starting: " + oneLine(what) + " (--log-level debug shows where)");
        err.flush();
        return ExitCodes.INTERNAL;
    }

    /** A message a library wrote over several lines (a YAML parser's, say), as one line. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** What {@code -V} prints. */
    private static final class HotplexVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hotplex " + VersionCommand.hotplexVersion()};
        }
    }
}
