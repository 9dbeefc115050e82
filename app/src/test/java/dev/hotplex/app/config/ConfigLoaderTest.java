package dev.hotplex.app.config;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.ToolApproval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    @TempDir
    Path temp;

    private final ConfigLoader loader = new ConfigLoader();

    private Path file(String yaml) throws IOException {
        return Files.writeString(temp.resolve("hotplex.yaml"), yaml);
    }

    @Test
    void nothingConfiguredGivesTheDefaults() {
        HotplexSettings settings = loader.load(Optional.empty(), Map.of(), Map.of());
        EngineConfig engine = settings.engine().toEngineConfig(temp);

        assertThat(settings.provider()).isEqualTo("claude");
        assertThat(settings.workspacePath(temp)).isEqualTo(temp.resolve(".hotplex/workspace"));
        assertThat(engine).isEqualTo(EngineConfig.defaults(temp));
    }

    @Test
    void theFileIsReadAndLaterSourcesWin() throws IOException {
        Path config = file("""
                workspace: /srv/hotplex
                provider: none
                engine:
                  maxSessions: 8
                  turnTimeout: 2m
                  idleTimeout: PT45M
                  toolApproval: allow
                  allowedTools: [Read, "Bash(git log:*)"]
                """);
        HotplexSettings settings = loader.load(Optional.of(config),
                Map.of("HOTPLEX_ENGINE_MAX_SESSIONS", "16", "HOTPLEX_ENGINE_DISALLOWED_TOOLS", "WebFetch, Bash",
                        "HOTPLEX_ADMIN_TOKEN", "a-very-long-admin-token", "PATH", "/usr/bin",
                        "HOTPLEX_JAVA_OPTS", "-Xmx1g"),
                Map.of("engine.turnTimeout", "90s"));
        EngineConfig engine = settings.engine().toEngineConfig(Path.of("/srv/hotplex"));

        assertThat(settings.provider()).isEqualTo("none");
        assertThat(settings.workspacePath(temp)).isEqualTo(Path.of("/srv/hotplex"));
        assertThat(engine.maxSessions()).isEqualTo(16);
        assertThat(engine.turnTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(engine.idleTimeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(engine.toolApproval()).isEqualTo(ToolApproval.ALLOW);
        assertThat(engine.allowedTools()).containsExactly("Read", "Bash(git log:*)");
        assertThat(engine.disallowedTools()).containsExactly("WebFetch", "Bash");
        assertThat(engine.adminToken()).contains("a-very-long-admin-token");
        assertThat(engine.toString()).doesNotContain("a-very-long-admin-token");
        assertThat(settings.toString()).doesNotContain("a-very-long-admin-token");
    }

    @Test
    void aTildeWorkspaceIsUnderHome() {
        HotplexSettings settings = loader.load(Optional.empty(), Map.of("HOTPLEX_WORKSPACE", "~/ws"), Map.of());
        assertThat(settings.workspacePath(temp)).isEqualTo(temp.resolve("ws"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "engine:\\n  maxSesions: 3                 | unknown configuration key 'engine.maxSesions'",
            "engin:\\n  maxSessions: 3                 | unknown configuration key 'engin'",
            "engine:\\n  turnTimeout: soon             | 'soon' is not a duration",
            "engine:\\n  maxSessions: many             | bad value for 'engine.maxSessions'",
            "engine:\\n  maxSessions: 0                | maxSessions must be at least 1",
            "engine:\\n  toolApproval: maybe           | engine.toolApproval must be one of ask, allow, deny",
            "provider: gpt                             | provider must be 'claude' or 'none'",
            "[1, 2]                                    | must hold a YAML mapping",
            "engine: [unclosed                         | not valid YAML",
    })
    void badFilesAreClearErrors(String yaml, String message) throws IOException {
        Path config = file(yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> loader.load(Optional.of(config), Map.of(), Map.of())
                .engine().toEngineConfig(temp))
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_CONFIG))
                .hasMessageContaining(message);
    }

    @Test
    void aTypoInAnEnvironmentVariableIsAnErrorToo() {
        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of("HOTPLEX_ENGINE_MAX_SESION", "3"), Map.of()))
                .hasMessageContaining("unknown configuration key 'engine.maxSesion'");
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> loader.load(Optional.of(temp.resolve("nope.yaml")), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void anEmptyFileIsFine() throws IOException {
        assertThat(loader.load(Optional.of(file("")), Map.of(), Map.of()).provider()).isEqualTo("claude");
    }

    @Test
    void environmentNamesMapToKeys() {
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_ENGINE_MAX_SESSIONS")).contains(List.of("engine", "maxSessions"));
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_CLAUDE_ENV_HTTPS_PROXY")).contains(List.of("claude", "env", "HTTPS_PROXY"));
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_CLAUDE_BINARY")).contains(List.of("claude", "binary"));
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_REBUILD")).isEmpty();
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_ENGINE")).isEmpty();
        assertThat(ConfigLoader.keyForEnvironment("ANTHROPIC_API_KEY")).isEmpty();
    }
}
