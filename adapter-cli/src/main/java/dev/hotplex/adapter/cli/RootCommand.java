package dev.hotplex.adapter.cli;

import picocli.CommandLine.Command;

/** {@code hotplex}: the root of the command tree. */
@Command(name = "hotplex", mixinStandardHelpOptions = true,
        description = "Run AI coding-agent CLIs as hot, isolated, observable sessions.",
        subcommands = {RunCommand.class, ChatCommand.class, ServeCommand.class, CheckCommand.class, DoctorCommand.class,
                VersionCommand.class, SessionsCommand.class})
public final class RootCommand {
    // read by the launcher before the engine is built; declared here for --help and clean parsing
    @picocli.CommandLine.Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: $HOTPLEX_CONFIG, else ./hotplex.yaml, else "
                    + "~/.hotplex/config.yaml, if present).")
    private String configFile;

    @picocli.CommandLine.Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key, e.g. --set engine.max-sessions=8 (repeatable).")
    private java.util.List<String> overrides;

    @picocli.CommandLine.Option(names = "--log-format", paramLabel = "human|json",
            description = "Log lines on stderr as readable text (default) or one JSON object each"
                    + " (also $HOTPLEX_LOG_FORMAT, log.format).")
    private String logFormat;

    @picocli.CommandLine.Option(names = "--log-level", paramLabel = "LEVEL",
            description = "Lowest level logged: error, warn, info, debug, trace (also $HOTPLEX_LOG_LEVEL, log.level).")
    private String logLevel;

    @jakarta.inject.Inject
    public RootCommand() {
        // picocli prints usage for a bare `hotplex`; the root itself holds no state
    }
}
