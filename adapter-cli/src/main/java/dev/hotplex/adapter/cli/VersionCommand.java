package dev.hotplex.adapter.cli;

import dev.hotplex.adapter.cli.json.ProviderVersion;
import dev.hotplex.adapter.cli.json.VersionJson;
import dev.hotplex.core.port.in.Engine;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code hotplex version}: hotplex's own version and every configured provider's agent CLI version, one per line. A
 * provider whose CLI cannot be run shows why; only the default provider's being unavailable fails the command, since
 * that is the one every session gets unless it names another.
 */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = {"Print the hotplex version and the agent CLI version of every configured provider, one per "
                + "line (the default provider first).", "A CLI that cannot be run is shown with the reason."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the default provider's agent CLI runs (others may be unavailable)",
                "2:usage error", "4:the default provider's agent CLI is unavailable"})
public final class VersionCommand implements Callable<Integer> {
    /** How {@link Engine#cliVersions()} marks a CLI that cannot be run. */
    private static final String UNAVAILABLE = "unavailable: ";

    private final Engine engine;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON line: {\"hotplex\":..,\"providers\":[{\"name\":..,"
            + "\"default\":..,\"version\":.. or \"unavailable\":..}]}.")
    private boolean json;

    @Inject
    public VersionCommand(Engine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String hotplex = hotplexVersion();
        List<ProviderVersion> providers = providerVersions(engine.cliVersions());
        if (json) {
            out.println(new VersionJson().line(hotplex, providers));
        } else {
            out.println("hotplex " + hotplex);
            for (ProviderVersion provider : providers) {
                out.println(provider.name() + (provider.isDefault() && providers.size() > 1 ? " (default) " : " ")
                        + provider.version().orElseGet(() -> "unavailable: " + provider.unavailable().orElseThrow()));
            }
        }
        boolean defaultRuns = providers.stream().filter(ProviderVersion::isDefault).findFirst()
                .map(provider -> provider.version().isPresent()).orElse(false);
        return defaultRuns ? ExitCodes.OK : ExitCodes.PROVIDER_UNAVAILABLE;
    }

    /** The version in the jar's manifest; a build run from classes has none. */
    static String hotplexVersion() {
        String version = VersionCommand.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    /** The engine lists the default provider first. */
    private static List<ProviderVersion> providerVersions(Map<String, String> versions) {
        List<ProviderVersion> providers = new ArrayList<>();
        for (Map.Entry<String, String> entry : versions.entrySet()) {
            String text = entry.getValue();
            boolean unavailable = text.startsWith(UNAVAILABLE);
            providers.add(new ProviderVersion(entry.getKey(), providers.isEmpty(),
                    unavailable ? Optional.empty() : Optional.of(text),
                    unavailable ? Optional.of(text.substring(UNAVAILABLE.length())) : Optional.empty()));
        }
        return List.copyOf(providers);
    }
}
