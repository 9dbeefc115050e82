package dev.hotplex.provider.claude;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestClaudeProviderConfig {
    @Test
    void defaults() {
        ClaudeProviderConfig config = ClaudeProviderConfig.defaults();

        assertThat(config.binary()).isEqualTo("claude");
        assertThat(config.model()).isEmpty();
        assertThat(config.permissionMode()).isEmpty();
        assertThat(config.extraArgs()).isEmpty();
        assertThat(config.extraEnv()).isEmpty();
        assertThat(config.envAllow()).isEmpty();
        assertThat(config.partialMessages()).isTrue();
        assertThat(config.maxLineBytes()).isEqualTo(32 * 1024 * 1024);
        assertThat(config.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.mcpConfig()).isEmpty();
        assertThat(config.addDirs()).isEmpty();
        assertThat(config.maxTurns()).isEmpty();
        assertThat(config.permissionPromptStdio()).isTrue();
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.stateDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".hotplex", "state",
                "claude-groups"));
    }

    @Test
    void everySettingCanBeSetAndSurvivesToBuilder() {
        ClaudeProviderConfig config = ClaudeProviderConfig.builder()
                .binary("/opt/claude/bin/claude").model("claude-opus").permissionMode("acceptEdits")
                .extraArgs(List.of("--bare")).extraEnv(Map.of("CLAUDE_CODE_MAX_RETRIES", "0"))
                .envAllow(List.of("AWS_*")).partialMessages(false).maxLineBytes(1024 * 1024)
                .startupTimeout(Duration.ofSeconds(5)).mcpConfig("/etc/mcp.json").addDirs(List.of(Path.of("/srv")))
                .maxTurns(4).permissionPromptStdio(false).shutdownGrace(Duration.ofSeconds(2))
                .stateDir(Path.of("/var/lib/hotplex/groups"))
                .build();

        assertThat(config).isEqualTo(new ClaudeProviderConfig("/opt/claude/bin/claude", Optional.of("claude-opus"),
                Optional.of("acceptEdits"), List.of("--bare"), Map.of("CLAUDE_CODE_MAX_RETRIES", "0"), List.of("AWS_*"),
                false, 1024 * 1024, Duration.ofSeconds(5), Optional.of("/etc/mcp.json"), List.of(Path.of("/srv")),
                OptionalInt.of(4), false, Duration.ofSeconds(2), Path.of("/var/lib/hotplex/groups")));
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void theConstructorFromBeforeStateDirKeepsWorkingWithTheDefault() {
        ClaudeProviderConfig config = new ClaudeProviderConfig("claude", Optional.empty(), Optional.empty(), List.of(),
                Map.of(), List.of(), true, ClaudeProviderConfig.DEFAULT_MAX_LINE_BYTES,
                ClaudeProviderConfig.DEFAULT_STARTUP_TIMEOUT, Optional.empty(), List.of(), OptionalInt.empty(), true,
                ClaudeProviderConfig.DEFAULT_SHUTDOWN_GRACE);

        assertThat(config).isEqualTo(ClaudeProviderConfig.defaults());
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.<Arguments>of(
                invalid("blank binary", b -> b.binary(" "), "binary"),
                invalid("model that looks like a flag", b -> b.model("--dangerously-skip-permissions"), "model"),
                invalid("blank permission mode", b -> b.permissionMode(""), "permissionMode"),
                invalid("extra args taking over the input format", b -> b.extraArgs(List.of("--input-format=text")),
                        "--input-format"),
                invalid("extra args resuming another conversation", b -> b.extraArgs(List.of("--resume")), "--resume"),
                invalid("extra env with an engine secret", b -> b.putExtraEnv("HOTPLEX_ADMIN_TOKEN", "x"), "HOTPLEX_"),
                invalid("extra env setting CLAUDECODE", b -> b.putExtraEnv("CLAUDECODE", "1"), "CLAUDECODE"),
                invalid("allow-list passing engine secrets", b -> b.envAllow(List.of("HOTPLEX_*")), "HOTPLEX_"),
                invalid("allow-list of everything", b -> b.envAllow(List.of("*")), "envAllow"),
                invalid("tiny max line", b -> b.maxLineBytes(1024), "maxLineBytes"),
                invalid("zero startup timeout", b -> b.startupTimeout(Duration.ZERO), "startupTimeout"),
                invalid("negative shutdown grace", b -> b.shutdownGrace(Duration.ofSeconds(-1)), "shutdownGrace"),
                invalid("relative add-dir", b -> b.addDirs(List.of(Path.of("relative"))), "addDirs"),
                invalid("zero max turns", b -> b.maxTurns(0), "maxTurns"),
                invalid("relative state dir", b -> b.stateDir(Path.of("state")), "stateDir"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void invalidSettingsAreRefusedAtStartup(String name, UnaryOperator<ClaudeProviderConfig.Builder> change,
                                           String mentioned) {
        assertThatThrownBy(() -> change.apply(ClaudeProviderConfig.builder()).build())
                .isInstanceOfSatisfying(HotplexException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_CONFIG);
                    assertThat(e.getMessage()).contains(mentioned);
                });
    }

    private static Arguments invalid(String name, UnaryOperator<ClaudeProviderConfig.Builder> change, String mentioned) {
        return Arguments.of(name, change, mentioned);
    }
}
