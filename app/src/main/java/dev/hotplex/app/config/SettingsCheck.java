package dev.hotplex.app.config;

import dev.hotplex.core.error.HotplexException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds every section's real configuration once, at load time, so an impossible value ({@code max-sessions: 0})
 * fails there, naming the key and where it was set, instead of later with only the builder's words for it. The
 * builders name the field they reject ({@code maxSessions must be at least 1}); that name leads back to the key.
 */
final class SettingsCheck {
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

    private SettingsCheck() {
    }

    static void run(HotplexSettings settings, Path home, KeyOrigins origins) {
        Path workspace = settings.workspace().rootPath(home);
        Path state = settings.state().dirPath(home);
        section("engine", EngineSettings.class, origins, () -> settings.engineConfig(home));
        section("claude", ClaudeSettings.class, origins, () -> settings.claude().toProviderConfig(state));
        section("sandbox", SandboxSettings.class, origins, () -> settings.sandbox().toSandboxConfig(home, state, workspace));
        section("codex", CodexSettings.class, origins, () -> settings.codex().toProviderConfig(state.resolve("codex"), home));
        section("waf", WafSettings.class, origins, () -> settings.waf().toWafConfig(workspace, state, home));
        section("http", HttpSettings.class, origins, () -> settings.http().toHttpConfig(workspace));
        section("log", LogSettings.class, origins, () -> settings.log().toLogConfig());
    }

    private static void section(String name, Class<? extends Record> type, KeyOrigins origins, Runnable build) {
        try {
            build.run();
        } catch (HotplexException | IllegalArgumentException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            Optional<String> key = keyNamedIn(message, name, type);
            throw new ConfigException(key.map(k -> "bad value for '" + k + "' (" + origins.of(k) + "): ")
                    .orElse("bad configuration (" + origins.of(name) + "): ") + message, e);
        }
    }

    /** The first key of {@code section} (or another section, for cross-section checks) the message names. */
    static Optional<String> keyNamedIn(String message, String section, Class<? extends Record> type) {
        List<String[]> keys = new ArrayList<>();
        for (var component : type.getRecordComponents()) {
            keys.add(new String[] {component.getName(), section + "." + kebab(component.getName())});
        }
        // the engine's checks see the admin token, which is set in the waf section
        for (var component : WafSettings.class.getRecordComponents()) {
            keys.add(new String[] {component.getName(), "waf." + kebab(component.getName())});
        }
        Matcher words = WORD.matcher(message);
        while (words.find()) {
            String word = words.group();
            for (String[] key : keys) {
                if (word.equals(key[0]) || word.equals(kebab(key[0]))) {
                    return Optional.of(key[1]);
                }
            }
        }
        return Optional.empty();
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
