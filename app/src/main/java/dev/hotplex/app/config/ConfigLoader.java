package dev.hotplex.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
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
    private static final Set<String> SECTIONS = Set.of("workspace", "state", "engine", "claude", "waf", "http",
            "telemetry");
    /** Top-level list keys: {@code HOTPLEX_PROVIDERS}, {@code HOTPLEX_ADAPTERS}. */
    private static final Set<String> TOP_LEVEL_LISTS = Set.of("PROVIDERS", "ADAPTERS");
    /** Sections holding free-form maps, whose keys keep their spelling. */
    private static final Set<String> MAP_KEYS = Set.of("env");

    private final ObjectMapper yaml;

    public ConfigLoader() {
        this.yaml = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .registerModule(new SimpleModule("hotplex-config")
                        .addDeserializer(Duration.class, new DurationDeserializer()));
    }

    public HotplexSettings load(Optional<Path> file, Map<String, String> environment, Map<String, String> overrides) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        file.ifPresent(path -> {
            JsonNode fromFile = readFile(path);
            bind(fromFile, "config file " + path);
            merge(tree, fromFile);
        });
        environment.forEach((name, value) -> keyForEnvironment(name).ifPresent(key -> put(tree, key, value)));
        overrides.forEach((key, value) -> put(tree, List.of(key.split("\\.")), value));
        String source = file.map(path -> "config file " + path + ", environment and overrides")
                .orElse("environment and overrides");
        return bind(tree, source);
    }

    /** Binds a tree; on error names the key and the source. */
    private HotplexSettings bind(JsonNode tree, String source) {
        try {
            return yaml.treeToValue(tree, HotplexSettings.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("unknown configuration key '" + path(e) + "' (from " + source
                    + "); known keys here: " + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof ConfigException config) {
                throw new ConfigException(config.getMessage() + " (key '" + path(e) + "', from " + source + ")");
            }
            throw new ConfigException("bad value for '" + path(e) + "' (from " + source + "): " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ConfigException("cannot read the configuration (" + source + "): " + e.getOriginalMessage(), e);
        }
    }

    private JsonNode readFile(Path path) {
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
            return node;
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file " + path + " is not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + path + ": " + e.getMessage(), e);
        }
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
