package dev.hotplex.app;

import com.google.inject.Injector;
import dev.hotplex.adapter.cli.CliModule;
import dev.hotplex.adapter.cli.CommandLineRunner;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.port.in.Engine;
import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.service.AgentProviders;
import dev.hotplex.provider.claude.ClaudeProvider;
import dev.hotplex.provider.codex.CodexProvider;
import dev.hotplex.waf.WafModule;
import dev.hotplex.app.config.ConfigLoader;
import dev.hotplex.app.config.HotplexSettings;
import dev.hotplex.app.config.LaunchOptions;
import dev.hotplex.app.logging.LogbackSetup;
import dev.hotplex.core.service.EngineConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The {@code hotplex} executable: assembles the modules, runs one command, shuts down cleanly. */
public final class HotplexMain {
    private HotplexMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> environment) {
        CommandLineRunner runner = new CommandLineRunner();
        Injector injector;
        try {
            injector = new HotplexBootstrap(modules(args, environment)).start();
        } catch (HotplexException e) {
            return runner.startupFailed(e);
        } catch (com.google.inject.CreationException e) {
            // several bindings may fail on the same cause (e.g. everything that needs the engine): report the first
            for (com.google.inject.spi.Message message : e.getErrorMessages()) {
                if (message.getCause() instanceof HotplexException hotplex) {
                    return runner.startupFailed(hotplex);
                }
            }
            return runner.startupCrashed(e.getErrorMessages().stream().findFirst()
                    .map(message -> message.getCause() == null ? message.getMessage() : message.getCause().toString())
                    .orElse(e.toString()), e);
        } catch (RuntimeException | LinkageError e) {
            return runner.startupCrashed(e.toString(), e);
        }
        Engine engine = injector.getInstance(Engine.class);
        AgentProviders providers = injector.getInstance(AgentProviders.class);
        for (AgentProvider provider : providers.byName().values()) {
            // process groups a killed engine left behind die before anything new starts
            if (provider instanceof ClaudeProvider claude) {
                claude.reapOrphans();
            } else if (provider instanceof CodexProvider codex) {
                codex.reapOrphans();
            }
        }
        try {
            return runner.run(args, new GuiceCommandFactory(injector));
        } finally {
            // the engine first (it ends turns and sessions), then the provider's last process groups
            engine.close();
            providers.byName().values().forEach(AgentProvider::close);
            // last: the engine's final turns are recorded, then flushed to the collector
            injector.getInstance(TelemetryRuntime.class).close();
        }
    }

    static List<com.google.inject.Module> modules(String[] args, Map<String, String> environment) {
        Path home = Path.of(System.getProperty("user.home"));
        LaunchOptions options = LaunchOptions.scan(args);
        HotplexSettings settings = new ConfigLoader()
                .load(options.resolveConfigFile(environment, home, Path.of("").toAbsolutePath()), environment,
                        options.overrides(), home);
        new LogbackSetup().apply(settings.log().toLogConfig());
        EngineConfig configured = settings.engineConfig(home);
        EngineConfig config = options.longRunning() ? configured
                : configured.toBuilder().prewarm(EngineConfig.Prewarm.OFF).build();
        com.google.inject.Module provider = new AgentProvidersModule(settings, home);
        Path workspace = settings.workspace().rootPath(home);
        WafModule firewall = new WafModule(settings.waf().toWafConfig(workspace, settings.state().dirPath(home), home));
        List<com.google.inject.Module> modules = new java.util.ArrayList<>(List.of(new EngineModule(config), provider,
                firewall, new ObserversModule(), TelemetryWiring.module(settings, environment),
                new DefaultPortsModule(settings.state().dirPath(home)),
                new CliModule(),
                new CliSupportModule(settings,
                        options.resolveConfigFile(environment, home, Path.of("").toAbsolutePath()), home)));
        modules.addAll(DeliveryAdapters.modules(settings, workspace));
        return List.copyOf(modules);
    }
}
