package dev.hotplex.adapter.cli;

import picocli.CommandLine.Command;

/** {@code hotplex}: the root of the command tree. */
@Command(name = "hotplex", mixinStandardHelpOptions = true,
        description = "Run AI coding-agent CLIs as hot, isolated, observable sessions.",
        subcommands = {RunCommand.class, ChatCommand.class, ServeCommand.class, CheckCommand.class, DoctorCommand.class,
                VersionCommand.class})
public final class RootCommand {
    // read by the launcher before the engine is built; declared here for --help and clean parsing
    @picocli.CommandLine.Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: $HOTPLEX_CONFIG, else ~/.hotplex/config.yaml if present).")
    private String configFile;

    @picocli.CommandLine.Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key, e.g. --set engine.maxSessions=8 (repeatable).")
    private java.util.List<String> overrides;

    @jakarta.inject.Inject
    public RootCommand() {
        // picocli prints usage for a bare `hotplex`; the root itself holds no state
    }
}
