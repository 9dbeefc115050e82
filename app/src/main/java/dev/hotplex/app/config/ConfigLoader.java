package dev.hotplex.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * <p>Environment names map to keys by section: {@code HOTPLEX_ENGINE_MAX_SESSIONS} is
 * {@code engine.maxSessions}, {@code HOTPLEX_CLAUDE_ENV_FOO} is {@code claude.env.FOO}; plus
 * {@code HOTPLEX_WORKSPACE}, {@code HOTPLEX_PROVIDER} and {@code HOTPLEX_ADMIN_TOKEN}
 * ({@code engine.adminToken}). Other {@code HOTPLEX_*} variables are not configuration and are ignored.
 */
public final class ConfigLoader {
    /** Sections whose {@code HOTPLEX_<SECTION>_*} variables are configuration. */
    private static final Set<String> SECTIONS = Set.of("engine", "claude", "waf", "http", "telemetry");
    /** Sections holding free-form maps, whose keys keep their spelling. */
    private static final Set<String> MAP_KEYS = Set.of("env");

    private final ObjectMapper yaml;

    public ConfigLoader() {
        this.yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .registerModule(new SimpleModule("hotplex-config")
                        .addDeserializer(Duration.class, new DurationDeserializer()));
    }

    public HotplexSettings load(Optional<Path> file, Map<String, String> environment, Map<String, String> overrides) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        file.ifPresent(path -> merge(tree, readFile(path)));
        environment.forEach((name, value) -> keyForEnvironment(name).ifPresent(key -> put(tree, key, value)));
        overrides.forEach((key, value) -> put(tree, List.of(key.split("\\.")), value));
        String source = file.map(path -> "config file " + path + ", environment and overrides")
                .orElse("environment and overrides");
        try {
            return yaml.treeToValue(tree, HotplexSettings.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("unknown configuration key '" + path(e) + "' (from " + source + "); known keys here: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException config) {
                throw config;
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
        switch (name) {
            case "HOTPLEX_WORKSPACE":
                return Optional.of(List.of("workspace"));
            case "HOTPLEX_PROVIDER":
                return Optional.of(List.of("provider"));
            case "HOTPLEX_ADMIN_TOKEN":
                return Optional.of(List.of("engine", "adminToken"));
            default:
                break;
        }
        if (!name.startsWith("HOTPLEX_")) {
            return Optional.empty();
        }
        String[] parts = name.substring("HOTPLEX_".length()).split("_", 2);
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
        return Optional.of(List.of(section, camelCase(parts[1])));
    }

    private static String camelCase(String upperSnake) {
        StringBuilder out = new StringBuilder();
        for (String word : upperSnake.toLowerCase(Locale.ROOT).split("_")) {
            if (word.isEmpty()) {
                continue;
            }
            out.append(out.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return out.toString();
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
