package dev.hotplex.provider.claude.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The CLI's environment: an allow-list over the engine's environment plus configured extras, as a pure
 * function of its input. Passed on: what a shell and its tools need ({@code PATH}, {@code HOME},
 * {@code SHELL}, locale, {@code TMPDIR}, proxies and CA bundles) and everything Claude reads
 * ({@code ANTHROPIC_*} with the user's API key and base URL, {@code CLAUDE_*}, {@code DISABLE_*},
 * {@code IS_SANDBOX}), plus configured names or {@code PREFIX*}es. Never passed on, whatever is
 * configured: {@code HOTPLEX_*} (the engine's admin token and other secrets) and {@code CLAUDECODE}
 * (it tells the CLI it runs nested inside another Claude Code).
 */
public final class ClaudeEnvironment {
    static final Set<String> NAMES = Set.of(
            "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR",
            "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "no_proxy", "all_proxy",
            "SSL_CERT_FILE", "SSL_CERT_DIR", "NODE_EXTRA_CA_CERTS", "IS_SANDBOX");
    static final List<String> PREFIXES = List.of("LC_", "ANTHROPIC_", "CLAUDE_", "DISABLE_");
    static final String ENGINE_PREFIX = "HOTPLEX_";
    static final String NESTED_MARKER = "CLAUDECODE";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Set<String> extraNames = new HashSet<>();
    private final List<String> extraPrefixes = new ArrayList<>();
    private final Map<String, String> extras;

    /**
     * @param allow  more names to pass on, exact or as {@code PREFIX*}
     * @param extras set (or overridden) in every CLI's environment
     */
    public ClaudeEnvironment(List<String> allow, Map<String, String> extras) {
        requireNonNull(allow, "allow is null");
        requireNonNull(extras, "extras is null");
        for (String entry : allow) {
            allowEntryProblem(entry).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
            if (entry.endsWith("*")) {
                extraPrefixes.add(entry.substring(0, entry.length() - 1));
            } else {
                extraNames.add(entry);
            }
        }
        extras.forEach((name, value) -> extraProblem(name, value).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        }));
        this.extras = Map.copyOf(extras);
    }

    /** Why {@code entry} cannot be an allow-list entry, if it cannot. */
    public static Optional<String> allowEntryProblem(String entry) {
        if (entry == null) {
            return Optional.of("an environment allow-list entry is null");
        }
        String name = entry.endsWith("*") ? entry.substring(0, entry.length() - 1) : entry;
        if (!NAME.matcher(name).matches()) {
            return Optional.of("'" + entry + "' is not a variable name or a NAME_PREFIX*");
        }
        return forbidden(name, entry.endsWith("*"));
    }

    /** Why {@code name=value} cannot be an extra variable, if it cannot. */
    public static Optional<String> extraProblem(String name, String value) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not an environment variable name");
        }
        if (value == null || value.indexOf('\0') >= 0) {
            return Optional.of("the value of " + name + " is null or holds a NUL character");
        }
        return forbidden(name, false);
    }

    /** The CLI's whole environment, sorted by name. */
    public Map<String, String> build(Map<String, String> engine) {
        requireNonNull(engine, "engine is null");
        Map<String, String> environment = new TreeMap<>();
        engine.forEach((name, value) -> {
            if (name != null && value != null && passes(name)) {
                environment.put(name, value);
            }
        });
        environment.putAll(extras);
        return Collections.unmodifiableMap(environment);
    }

    private boolean passes(String name) {
        if (isEngineOwn(name) || name.equals(NESTED_MARKER)) {
            return false;
        }
        return NAMES.contains(name) || extraNames.contains(name)
                || PREFIXES.stream().anyMatch(name::startsWith)
                || extraPrefixes.stream().anyMatch(name::startsWith);
    }

    private static Optional<String> forbidden(String name, boolean prefix) {
        if (isEngineOwn(name) || (prefix && ENGINE_PREFIX.startsWith(name.toUpperCase(Locale.ROOT)))) {
            return Optional.of("'" + name + (prefix ? "*" : "") + "' would pass the engine's own HOTPLEX_* variables "
                    + "(secrets) to the agent");
        }
        if (!prefix && name.equals(NESTED_MARKER)) {
            return Optional.of("'" + name + "' would pass " + NESTED_MARKER
                    + ", which makes the CLI believe it runs inside another Claude Code");
        }
        return Optional.empty();
    }

    private static boolean isEngineOwn(String name) {
        return name.toUpperCase(Locale.ROOT).startsWith(ENGINE_PREFIX);
    }
}
