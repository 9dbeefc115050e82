package dev.hotplex.adapter.cli;

import picocli.CommandLine.Command;

/** {@code hotplex}: the root of the command tree. */
@Command(name = "hotplex", mixinStandardHelpOptions = true,
        description = "Run AI coding-agent CLIs as hot, isolated, observable sessions.",
        subcommands = {RunCommand.class, VersionCommand.class})
public final class RootCommand {
    @jakarta.inject.Inject
    public RootCommand() {
        // picocli prints usage for a bare `hotplex`; the root itself holds no state
    }
}
