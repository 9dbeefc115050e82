package dev.hotplex.app.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The global options that shape the configuration, read before the injector exists: {@code --config FILE},
 * {@code --set KEY=VALUE} and the shorthands {@code --log-format F} and {@code --log-level L}, given before the subcommand ({@code hotplex --config x.yaml run ...}).
 * The root command declares them too, so they show in {@code --help} and parse cleanly there.
 */
public record LaunchOptions(Optional<Path> configFile, Map<String, String> overrides, Optional<String> subcommand) {
    private static final Map<String, String> LOG_FLAGS = Map.of("--log-format", "log.format", "--log-level", "log.level");

    private static final Set<String> LONG_RUNNING = Set.of("serve", "chat");

    public LaunchOptions {
        overrides = Map.copyOf(overrides);
        requireNonNull(subcommand, "subcommand is null");
    }

    /**
     * Whether the subcommand keeps its engine past the first turn ({@code serve}, {@code chat}): only then do spare
     * processes started ahead of sessions pay off ({@code run}, {@code version}, {@code sessions}... never start one).
     */
    public boolean longRunning() {
        return subcommand.filter(LONG_RUNNING::contains).isPresent();
    }

    public static LaunchOptions scan(String[] args) {
        Optional<Path> file = Optional.empty();
        Optional<String> subcommand = Optional.empty();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                subcommand = Optional.of(arg);
                break; // the subcommand: everything after it belongs to it
            }
            String value = null;
            String name = arg;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (!name.equals("--config") && !name.equals("--set") && !LOG_FLAGS.containsKey(name)) {
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new ConfigException(name + " needs a value");
                }
                value = args[++i];
            }
            if (name.equals("--config")) {
                file = Optional.of(Path.of(value));
            } else if (LOG_FLAGS.containsKey(name)) {
                overrides.put(LOG_FLAGS.get(name), value); // shorthand for --set log.format=... / log.level=...
            } else {
                int separator = value.indexOf('=');
                if (separator <= 0) {
                    throw new ConfigException("--set needs KEY=VALUE, e.g. --set engine.max-sessions=8; got '" + value + "'");
                }
                overrides.put(value.substring(0, separator).strip(), value.substring(separator + 1));
            }
        }
        return new LaunchOptions(file, overrides, subcommand);
    }

    /**
     * The config file: {@code --config}, else {@code $HOTPLEX_CONFIG}, else {@code ./hotplex.yaml} if it exists,
     * else {@code ~/.hotplex/config.yaml} if it exists.
     */
    public Optional<Path> resolveConfigFile(Map<String, String> environment, Path home, Path workingDir) {
        if (configFile.isPresent()) {
            return configFile;
        }
        String fromEnvironment = environment.get("HOTPLEX_CONFIG");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(Path.of(fromEnvironment));
        }
        Path local = workingDir.resolve("hotplex.yaml");
        if (java.nio.file.Files.isRegularFile(local)) {
            return Optional.of(local);
        }
        Path standard = home.resolve(".hotplex").resolve("config.yaml");
        return java.nio.file.Files.isRegularFile(standard) ? Optional.of(standard) : Optional.empty();
    }
}
