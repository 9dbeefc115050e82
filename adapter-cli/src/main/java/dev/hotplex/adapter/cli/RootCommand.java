package dev.hotplex.adapter.cli;

import picocli.CommandLine.Command;

/** {@code hotplex}: the root of the command tree. */
@Command(name = "hotplex", mixinStandardHelpOptions = true,
        description = "Run AI coding-agent CLIs as hot, isolated, observable sessions.",
        subcommands = {RunCommand.class, ChatCommand.class, ServeCommand.class, CheckCommand.class, DoctorCommand.class,
                VersionCommand.class, SessionsCommand.class},
        footerHeading = "%nExit codes (each command's --help says which it uses):%n",
        footer = {"  0   ok", "  1   the turn failed", "  2   usage, input or configuration error",
                "  3   blocked by the firewall", "  4   agent CLI unavailable",
                "  5   session busy, engine at capacity or rate-limited", "  6   server unreachable (sessions)",
                "  7   API key refused (sessions)", "  8   no such session (sessions)",
                "  9   another hotplex process holds the state dir (run, chat, serve)", "  70  internal error",
                "  130 run interrupted by Ctrl-C; serve stopped by Ctrl-C", "  143 serve stopped by SIGTERM"})
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
