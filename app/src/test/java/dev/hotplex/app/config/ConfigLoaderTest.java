package dev.hotplex.app.config;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.ToolApproval;
import dev.hotplex.provider.claude.ClaudeProviderConfig;
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

        assertThat(settings.providers()).containsExactly("claude");
        assertThat(settings.adapters()).containsExactly("http");
        assertThat(settings.workspace().rootPath(temp)).isEqualTo(temp.resolve(".hotplex/workspace"));
        assertThat(settings.state().dirPath(temp)).isEqualTo(temp.resolve(".hotplex/state"));
        assertThat(settings.engineConfig(temp)).isEqualTo(EngineConfig.defaults(temp.resolve(".hotplex/workspace")));
        assertThat(settings.claude().toProviderConfig()).isEqualTo(ClaudeProviderConfig.defaults());
    }

    @Test
    void theFileIsReadAndLaterSourcesWin() throws IOException {
        Path config = file("""
                workspace:
                  root: /srv/hotplex
                providers: []
                engine:
                  max-sessions: 8
                  turn-timeout: 2m
                  idle-timeout: PT45M
                  tool-approval: allow
                  allowed-tools: [Read, "Bash(git log:*)"]
                claude:
                  binary: /opt/claude/bin/claude
                  env:
                    HTTPS_PROXY: http://proxy:3128
                """);
        HotplexSettings settings = loader.load(Optional.of(config),
                Map.of("HOTPLEX_ENGINE_MAX_SESSIONS", "16", "HOTPLEX_ENGINE_DISALLOWED_TOOLS", "WebFetch, Bash",
                        "HOTPLEX_WAF_ADMIN_TOKEN", "a-very-long-admin-token", "PATH", "/usr/bin",
                        "HOTPLEX_JAVA_OPTS", "-Xmx1g", "HOTPLEX_CLAUDE_ENV_NO_PROXY", "localhost"),
                Map.of("engine.turn-timeout", "90s"));
        EngineConfig engine = settings.engineConfig(temp);
        ClaudeProviderConfig claude = settings.claude().toProviderConfig();

        assertThat(settings.usesClaude()).isFalse();
        assertThat(engine.workspaceRoot()).isEqualTo(Path.of("/srv/hotplex"));
        assertThat(engine.maxSessions()).isEqualTo(16);
        assertThat(engine.turnTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(engine.idleTimeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(engine.toolApproval()).isEqualTo(ToolApproval.ALLOW);
        assertThat(engine.allowedTools()).containsExactly("Read", "Bash(git log:*)");
        assertThat(engine.disallowedTools()).containsExactly("WebFetch", "Bash");
        assertThat(engine.adminToken()).contains("a-very-long-admin-token");
        assertThat(claude.binary()).isEqualTo("/opt/claude/bin/claude");
        assertThat(claude.extraEnv()).containsEntry("HTTPS_PROXY", "http://proxy:3128").containsEntry("NO_PROXY", "localhost");
        assertThat(engine.toString()).doesNotContain("a-very-long-admin-token");
        assertThat(settings.toString()).doesNotContain("a-very-long-admin-token");
    }

    @Test
    void theAdminTokenMayComeFromAFile() throws IOException {
        Path secret = Files.writeString(temp.resolve("token"), "token-from-a-file-123456\n");
        HotplexSettings settings = loader.load(Optional.empty(),
                Map.of("HOTPLEX_WAF_ADMIN_TOKEN_FILE", secret.toString()), Map.of());
        assertThat(settings.engineConfig(temp).adminToken()).contains("token-from-a-file-123456");
    }

    @Test
    void httpKeysMapToTenantsPlainOrHashedAndAreNeverEchoed() {
        String hashed = dev.hotplex.adapter.http.ApiKey.sha256Hex("second-secret-key");
        HotplexSettings settings = loader.load(Optional.empty(), Map.of(
                "HOTPLEX_HTTP_API_KEYS", "first-secret-key=team-a, sha256:" + hashed + "=team-b",
                "HOTPLEX_HTTP_PORT", "9090", "HOTPLEX_HTTP_HOST", "0.0.0.0"), Map.of());
        dev.hotplex.adapter.http.HttpConfig http = settings.http().toHttpConfig(temp);

        assertThat(http.port()).isEqualTo(9090);
        assertThat(http.host()).isEqualTo("0.0.0.0");
        assertThat(http.apiKeys()).extracting(key -> key.tenant()).containsExactly("team-a", "team-b");
        assertThat(http.apiKeys().get(0).sha256Hex()).isEqualTo(dev.hotplex.adapter.http.ApiKey.sha256Hex("first-secret-key"));
        assertThat(http.apiKeys().get(1).sha256Hex()).isEqualTo(hashed);
        assertThat(settings.toString() + http).doesNotContain("first-secret-key");

        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of("HOTPLEX_HTTP_API_KEYS", "leaky-secret"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad value for 'http.api-keys' (environment variable HOTPLEX_HTTP_API_KEYS)")
                .message().doesNotContain("leaky-secret");
    }

    @Test
    void aTildeWorkspaceIsUnderHome() {
        HotplexSettings settings = loader.load(Optional.empty(), Map.of("HOTPLEX_WORKSPACE_ROOT", "~/ws"), Map.of());
        assertThat(settings.workspace().rootPath(temp)).isEqualTo(temp.resolve("ws"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "engine:\\n  max-sesions: 3                 | unknown configuration key 'engine.max-sesions' (config file {file}:2)",
            "engin:\\n  max-sessions: 3                 | unknown configuration key 'engin' (config file {file}:1)",
            "engine:\\n  turn-timeout: soon             | bad value for 'engine.turn-timeout' (config file {file}:2): 'soon' is not a duration",
            "engine:\\n  max-sessions: many             | bad value for 'engine.max-sessions' (config file {file}:2)",
            "engine: 5                                  | bad value for 'engine' (config file {file}:1)",
            "# a comment\\nengine:\\n  max-sessions: 0  | bad value for 'engine.max-sessions' (config file {file}:3): maxSessions must be at least 1",
            "engine:\\n  tool-approval: maybe           | bad value for 'engine.tool-approval' (config file {file}:2): engine.tool-approval must be one of ask, allow, deny",
            "engine:\\n  turn-timeout: 0s               | bad value for 'engine.turn-timeout' (config file {file}:2)",
            "engine:\\n  prewarm-spares: -1             | bad value for 'engine.prewarm-spares' (config file {file}:2): prewarmSpares must not be negative",
            "engine:\\n  prewarm-spares: 64             | bad value for 'engine.prewarm-spares' (config file {file}:2): prewarmSpares (64) must be below maxSessions (64)",
            "engine:\\n  prewarm-interval: 0s           | bad value for 'engine.prewarm-interval' (config file {file}:2): prewarmInterval must be positive",
            "providers: [gpt]                           | bad value for 'providers' (config file {file}:1): providers: unknown provider 'gpt'",
            "adapters: [grpc]                           | bad value for 'adapters' (config file {file}:1): adapters: unknown adapter 'grpc'",
            "providers: [codex, codex]                  | bad value for 'providers' (config file {file}:1): providers: each provider at most once",
            "codex:\\n  sandbox: open                    | bad value for 'codex.sandbox' (config file {file}:2): codex sandbox 'open' is not one of",
            "codex:\\n  approval-policy: always          | bad value for 'codex.approval-policy' (config file {file}:2): codex approval-policy 'always' is not one of",
            "workspace: {}\\nadapters: []               | bad value for 'adapters' (config file {file}:2): adapters: name at least one delivery adapter",
            "claude:\\n  max-line-bytes: 10             | bad value for 'claude.max-line-bytes' (config file {file}:2): Claude provider: maxLineBytes",
            "http:\\n  port: 99999                      | bad value for 'http.port' (config file {file}:2)",
            "http:\\n  disconnect-policy: linger        | bad value for 'http.disconnect-policy' (config file {file}:2)",
            "waf:\\n  admin-token: short              | bad value for 'waf.admin-token' (config file {file}:2): adminToken must be at least 16",
            "log:\\n  format: xml                      | bad value for 'log.format' (config file {file}:2): format must be human or json",
            "log:\\n  level: loud                      | bad value for 'log.level' (config file {file}:2): level must be one of",
            "[1, 2]                                     | config file {file} must hold a YAML mapping",
            "engine: [unclosed                          | config file {file}:1 is not valid YAML",
            "a: [                                       | config file {file}:1 is not valid YAML: while parsing a flow node: expected the node content, but found",
            "engine:\\n  max-sessions: many             | is not a whole number",
            "telemetry:\\n  prometheus: maybe           | is not true or false",
            "engine:\\n  max-sessions: 3\\nengine: {}    | config file {file}:3 is not valid YAML: Duplicate field 'engine'",
    })
    void badFilesAreClearErrorsNamingTheKeyAndTheLine(String yaml, String message) throws IOException {
        Path config = file(yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> loader.load(Optional.of(config), Map.of(), Map.of(), temp))
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_CONFIG))
                .hasMessageContaining(message.replace("{file}", config.toString()))
                .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "HOTPLEX_ENGINE_MAX_SESION   | 3     | unknown configuration key 'engine.max-sesion' (environment variable HOTPLEX_ENGINE_MAX_SESION)",
            "HOTPLEX_ENGINE_MAX_SESSIONS | many  | bad value for 'engine.max-sessions' (environment variable HOTPLEX_ENGINE_MAX_SESSIONS)",
            "HOTPLEX_ENGINE_MAX_SESSIONS | 0     | bad value for 'engine.max-sessions' (environment variable HOTPLEX_ENGINE_MAX_SESSIONS): maxSessions",
            "HOTPLEX_ENGINE_IDLE_TIMEOUT | later | bad value for 'engine.idle-timeout' (environment variable HOTPLEX_ENGINE_IDLE_TIMEOUT)",
            "HOTPLEX_ADAPTERS            | grpc  | bad value for 'adapters' (environment variable HOTPLEX_ADAPTERS)",
            "HOTPLEX_LOG_FORMAT          | xml   | bad value for 'log.format' (environment variable HOTPLEX_LOG_FORMAT)",
            "HOTPLEX_HTTP_PORT           | -1    | bad value for 'http.port' (environment variable HOTPLEX_HTTP_PORT)",
    })
    void badEnvironmentVariablesAreNamed(String name, String value, String message) {
        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of(name, value), Map.of(), temp))
                .isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "--set {0}={1}")
    @CsvSource(delimiter = '|', value = {
            "engine.max-sesions   | 3    | unknown configuration key 'engine.max-sesions' (--set engine.max-sesions)",
            "engine.max-sessions  | 0    | bad value for 'engine.max-sessions' (--set engine.max-sessions): maxSessions",
            "claude.max-turns     | none | bad value for 'claude.max-turns' (--set claude.max-turns)",
            "log.level            | loud | bad value for 'log.level' (--set log.level)",
    })
    void badOverridesNameTheFlag(String key, String value, String message) {
        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of(), Map.of(key, value), temp))
                .isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void aLaterSourceOwnsTheErrorOfItsValue() throws IOException {
        Path config = file("engine:\n  max-sessions: 4\n  turn-timeout: 5m\n");
        assertThatThrownBy(() -> loader.load(Optional.of(config), Map.of("HOTPLEX_ENGINE_MAX_SESSIONS", "0"), Map.of(),
                temp)).hasMessageContaining("(environment variable HOTPLEX_ENGINE_MAX_SESSIONS)");
        assertThatThrownBy(() -> loader.load(Optional.of(config), Map.of(), Map.of("engine.turn-timeout", "0s"), temp))
                .hasMessageContaining("(--set engine.turn-timeout)");
    }

    @Test
    void logSettingsComeFromTheFileTheEnvironmentOrTheFlags() throws IOException {
        Path config = file("log:\n  format: json\n  level: info\n");
        assertThat(loader.load(Optional.of(config), Map.of(), Map.of(), temp).log().toLogConfig())
                .isEqualTo(new dev.hotplex.app.logging.LogConfig(dev.hotplex.app.logging.LogFormat.JSON, "info"));
        assertThat(loader.load(Optional.of(config), Map.of("HOTPLEX_LOG_FORMAT", "human"),
                LaunchOptions.scan(new String[] {"--log-level", "debug", "run"}).overrides(), temp).log().toLogConfig())
                .isEqualTo(new dev.hotplex.app.logging.LogConfig(dev.hotplex.app.logging.LogFormat.HUMAN, "debug"));
        assertThat(loader.load(Optional.empty(), Map.of(), Map.of(), temp).log().toLogConfig())
                .isEqualTo(dev.hotplex.app.logging.LogConfig.defaults());
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> loader.load(Optional.of(temp.resolve("nope.yaml")), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void anEmptyFileIsFine() throws IOException {
        assertThat(loader.load(Optional.of(file("")), Map.of(), Map.of()).usesClaude()).isTrue();
    }

    @Test
    void environmentNamesFollowOneRule() {
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_ENGINE_MAX_SESSIONS")).contains(List.of("engine", "max-sessions"));
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_WORKSPACE_ROOT")).contains(List.of("workspace", "root"));
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_STATE_DIR")).contains(List.of("state", "dir"));
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_HTTP_API_KEYS")).contains(List.of("http", "api-keys"));
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_WAF_ADMIN_TOKEN")).contains(List.of("waf", "admin-token"));
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_CLAUDE_BINARY")).contains(List.of("claude", "binary"));
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_CLAUDE_ENV_HTTPS_PROXY")).contains(List.of("claude", "env", "HTTPS_PROXY"));
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_PROVIDERS")).contains(List.of("providers"));
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_REBUILD")).isEmpty();
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_CONFIG")).isEmpty();
        assertThat(ConfigLoader.keyForEnvironment("HOTPLEX_ENGINE")).isEmpty();
        assertThat(ConfigLoader.keyForEnvironment("ANTHROPIC_API_KEY")).isEmpty();
    }
}
