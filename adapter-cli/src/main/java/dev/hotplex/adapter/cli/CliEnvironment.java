package dev.hotplex.adapter.cli;

import java.util.Map;
import java.util.Optional;

/** The environment variables the commands read (e.g. {@code HOTPLEX_API_KEY}); injected so tests set their own. */
@FunctionalInterface
public interface CliEnvironment {
    Optional<String> get(String name);

    static CliEnvironment of(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        return name -> Optional.ofNullable(copy.get(name)).filter(value -> !value.isBlank());
    }
}
