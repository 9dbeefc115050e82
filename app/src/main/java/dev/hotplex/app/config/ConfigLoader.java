package dev.hotplex.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads {@link HotplexSettings} from three layers, later ones winning: a YAML file, {@code HOTPLEX_*}
 * environment variables, and {@code key=value} overrides (the command line's {@code --set}). Unknown
 * keys, bad values and unreadable files are {@link ConfigException}s naming the key and the source.
 *
 * <p>Every key has one environment variable: {@code HOTPLEX_} + the key in upper snake case
 * ({@code engine.max-sessions} is {@code HOTPLEX_ENGINE_MAX_SESSIONS}); entries of the free-form map
 * {@code claude.env} are {@code HOTPLEX_CLAUDE_ENV_<NAME>}; lists are comma-separated. Variables outside the
 * known sections ({@code HOTPLEX_CONFIG}, {@code HOTPLEX_JAVA_OPTS}, ...) are not configuration keys.
 */
public final class ConfigLoader {
    /** Sections whose {@code HOTPLEX_<SECTION>_*} variables are configuration. */
    private static final Set<String> SECTIONS = Set.of("workspace", "state", "engine", "claude", "codex", "waf", "http",
            "telemetry", "log", "sandbox");
    /** Top-level list keys: {@code HOTPLEX_PROVIDERS}, {@code HOTPLEX_ADAPTERS}. */
    private static final Set<String> TOP_LEVEL_LISTS = Set.of("PROVIDERS", "ADAPTERS");
    /** Sections holding free-form maps, whose keys keep their spelling. */
    private static final Set<String> MAP_KEYS = Set.of("env");

    private final ObjectMapper yaml;

    public ConfigLoader() {
        YAMLFactory factory = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        this.yaml = new ObjectMapper(factory)
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .registerModule(new SimpleModule("hotplex-config")
                        .addDeserializer(Duration.class, new DurationDeserializer()));
    }

    /** {@link #load(Optional, Map, Map, Path)} with paths under the user's home. */
    public HotplexSettings load(Optional<Path> file, Map<String, String> environment, Map<String, String> overrides) {
        return load(file, environment, overrides, Path.of(System.getProperty("user.home")));
    }

    /**
     * Loads and checks every section (by building its real configuration with {@code home} for {@code ~} paths), so
     * that any bad key or value fails here, naming the key and its origin: {@code file:line}, the environment
     * variable or the {@code --set} flag.
     */
    public HotplexSettings load(Optional<Path> file, Map<String, String> environment, Map<String, String> overrides,
                                Path home) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        KeyOrigins origins = new KeyOrigins(file.map(path -> "config file " + path + ", environment and overrides")
                .orElse("environment and overrides"));
        file.ifPresent(path -> merge(tree, readFile(path, origins)));
        environment.forEach((name, value) -> keyForEnvironment(name).ifPresent(key -> {
            put(tree, key, value);
            origins.put(key, "environment variable " + name);
        }));
        overrides.forEach((key, value) -> {
            List<String> path = List.of(key.split("\\."));
            put(tree, path, value);
            origins.put(path, "--set " + key);
        });
        HotplexSettings settings = bind(tree, origins);
        SettingsCheck.run(settings, home, origins);
        return settings;
    }

    /** Binds the merged tree; on error names the key and where it was set. */
    private HotplexSettings bind(JsonNode tree, KeyOrigins origins) {
        try {
            return yaml.treeToValue(tree, HotplexSettings.class);
        } catch (UnrecognizedPropertyException e) {
            String key = path(e);
            throw new ConfigException("unknown configuration key '" + key + "' (" + origins.of(key)
                    + "); known keys here: " + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")));
        } catch (InvalidFormatException e) {
            String key = path(e);
            throw new ConfigException("bad value for '" + key + "' (" + origins.of(key) + "): '" + e.getValue()
                    + "' is not " + expected(e.getTargetType()), e);
        } catch (JsonMappingException e) {
            String key = path(e);
            if (e.getCause() instanceof ConfigException config) {
                // thrown by a section's constructor or a value's deserializer: the path may stop above the key
                String named = key.isEmpty() ? topLevelKeyNamedIn(config.getMessage()) : key;
                throw new ConfigException("bad value for '" + named + "' (" + origins.of(named) + "): "
                        + config.getMessage(), config);
            }
            throw new ConfigException("bad value for '" + key + "' (" + origins.of(key) + "): "
                    + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException("cannot read the configuration: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads the file's tree, recording the line of every key in {@code origins}. */
    private JsonNode readFile(Path path, KeyOrigins origins) {
        if (!Files.isRegularFile(path)) {
            throw new ConfigException("config file " + path + " does not exist or is not a file");
        }
        try {
            JsonNode node = yaml.readTree(path.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException("config file " + path + " must hold a YAML mapping at the top");
            }
            try (JsonParser parser = yaml.createParser(path.toFile())) {
                YamlKeyLines.walk(parser, (key, line) -> origins.put(key, "config file " + path + ":" + line));
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null || location.getLineNr() < 1 ? "" : ":" + location.getLineNr();
            throw new ConfigException("config file " + path + where + " is not valid YAML: "
                    + yamlProblem(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + path + ": " + e.getMessage(), e);
        }
    }

    /** What a value of {@code type} looks like, for a person who wrote something else. */
    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a valid " + (type == null ? "value" : type.getSimpleName());
    }

    /**
     * The parser's complaint as one line: it writes what it was doing and what went wrong unindented, and between them
     * an indented excerpt of the file with a caret, which the file:line before it already points at.
     */
    static String yamlProblem(String message) {
        if (message == null) {
            return "unreadable";
        }
        String said = message.lines().filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .map(String::strip).collect(Collectors.joining(": "));
        return said.isEmpty() ? message.strip().replaceAll("\\s+", " ") : said;
    }

    private static String topLevelKeyNamedIn(String message) {
        int colon = message.indexOf(':');
        String first = colon < 0 ? "" : message.substring(0, colon).strip();
        return first.matches("[a-z-]+") ? first : "";
    }

    static Optional<List<String>> keyForEnvironment(String name) {
        if (!name.startsWith("HOTPLEX_")) {
            return Optional.empty();
        }
        String rest = name.substring("HOTPLEX_".length());
        if (TOP_LEVEL_LISTS.contains(rest)) {
            return Optional.of(List.of(rest.toLowerCase(Locale.ROOT)));
        }
        String[] parts = rest.split("_", 2);
        String section = parts[0].toLowerCase(Locale.ROOT);
        if (parts.length < 2 || !SECTIONS.contains(section) || parts[1].isEmpty()) {
            return Optional.empty();
        }
        for (String mapKey : MAP_KEYS) {
            String prefix = mapKey.toUpperCase(Locale.ROOT) + "_";
            if (parts[1].startsWith(prefix) && parts[1].length() > prefix.length()) {
                return Optional.of(List.of(section, mapKey, parts[1].substring(prefix.length())));
            }
        }
        return Optional.of(List.of(section, parts[1].toLowerCase(Locale.ROOT).replace('_', '-')));
    }

    private static void put(ObjectNode tree, List<String> key, String value) {
        ObjectNode node = tree;
        for (String part : key.subList(0, key.size() - 1)) {
            JsonNode child = node.get(part);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(part);
            }
            node = (ObjectNode) child;
        }
        node.set(key.getLast(), TextNode.valueOf(value));
    }

    private static void merge(ObjectNode target, JsonNode source) {
        source.properties().forEach(entry -> {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode existingObject && entry.getValue().isObject()) {
                merge(existingObject, entry.getValue());
            } else {
                target.set(entry.getKey(), entry.getValue().deepCopy());
            }
        });
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
