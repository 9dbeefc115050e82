package dev.hotplex.provider.claude.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestClaudeEnvironment {
    private static final ClaudeEnvironment DEFAULT = new ClaudeEnvironment(List.of(), Map.of());

    static Stream<Arguments> engineVariables() {
        return Stream.of(
                Arguments.of("PATH", true),
                Arguments.of("HOME", true),
                Arguments.of("SHELL", true),
                Arguments.of("USER", true),
                Arguments.of("LANG", true),
                Arguments.of("LC_ALL", true),
                Arguments.of("LC_CTYPE", true),
                Arguments.of("TZ", true),
                Arguments.of("TMPDIR", true),
                Arguments.of("HTTPS_PROXY", true),
                Arguments.of("https_proxy", true),
                Arguments.of("NO_PROXY", true),
                Arguments.of("NODE_EXTRA_CA_CERTS", true),
                Arguments.of("ANTHROPIC_API_KEY", true),
                Arguments.of("ANTHROPIC_BASE_URL", true),
                Arguments.of("CLAUDE_CONFIG_DIR", true),
                Arguments.of("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", true),
                Arguments.of("DISABLE_TELEMETRY", true),
                Arguments.of("IS_SANDBOX", true),
                Arguments.of("CLAUDECODE", false),
                Arguments.of("HOTPLEX_ADMIN_TOKEN", false),
                Arguments.of("HOTPLEX_API_KEYS", false),
                Arguments.of("hotplex_admin_token", false),
                Arguments.of("AWS_SECRET_ACCESS_KEY", false),
                Arguments.of("OPENAI_API_KEY", false),
                Arguments.of("DATABASE_PASSWORD", false),
                Arguments.of("JAVA_TOOL_OPTIONS", false),
                Arguments.of("LD_PRELOAD", false),
                Arguments.of("SSH_AUTH_SOCK", false));
    }

    @ParameterizedTest(name = "{0} passed on: {1}")
    @MethodSource("engineVariables")
    void theBuiltInAllowListDecides(String name, boolean passed) {
        Map<String, String> environment = DEFAULT.build(Map.of(name, "value-of-" + name));

        if (passed) {
            assertThat(environment).containsEntry(name, "value-of-" + name);
        } else {
            assertThat(environment).doesNotContainKey(name);
        }
    }

    @Test
    void configuredNamesAndPrefixesPassAndExtrasAreAddedOverridingTheEngine() {
        ClaudeEnvironment environment = new ClaudeEnvironment(List.of("AWS_*", "GOOGLE_APPLICATION_CREDENTIALS"),
                Map.of("CLAUDE_CODE_MAX_RETRIES", "0", "LANG", "C.UTF-8", "EXTRA_ONLY", "x"));

        Map<String, String> built = environment.build(Map.of(
                "AWS_REGION", "eu-west-1", "GOOGLE_APPLICATION_CREDENTIALS", "/creds.json", "GOOGLE_OTHER", "no",
                "LANG", "de_DE.UTF-8", "CLAUDE_CODE_MAX_RETRIES", "10", "HOTPLEX_ADMIN_TOKEN", "secret"));

        assertThat(built).containsOnly(
                Map.entry("AWS_REGION", "eu-west-1"),
                Map.entry("GOOGLE_APPLICATION_CREDENTIALS", "/creds.json"),
                Map.entry("LANG", "C.UTF-8"),
                Map.entry("CLAUDE_CODE_MAX_RETRIES", "0"),
                Map.entry("EXTRA_ONLY", "x"));
    }

    @Test
    void aBroadPrefixStillNeverPassesTheEngineSecretsOrTheNestingMarker() {
        ClaudeEnvironment environment = new ClaudeEnvironment(List.of("C*"), Map.of());

        assertThat(environment.build(Map.of("CLAUDECODE", "1", "CI", "true"))).containsOnlyKeys("CI");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HOTPLEX_ADMIN_TOKEN", "HOTPLEX_*", "HOT*", "H*", "*", "CLAUDECODE", "BAD-NAME", "A B", ""})
    void allowEntriesThatWouldLeakSecretsOrAreNotNamesAreRefused(String entry) {
        assertThat(ClaudeEnvironment.allowEntryProblem(entry)).isPresent();
        assertThatThrownBy(() -> new ClaudeEnvironment(List.of(entry), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HOTPLEX_ADMIN_TOKEN", "hotplex_x", "CLAUDECODE", "1ABC", "A=B"})
    void extrasMayNotSetEngineVariablesOrTheNestingMarker(String name) {
        assertThat(ClaudeEnvironment.extraProblem(name, "v")).isPresent();
    }

    @Test
    void extraValuesMayNotHoldNul() {
        assertThat(ClaudeEnvironment.extraProblem("FOO", "a\0b")).isPresent();
        assertThat(ClaudeEnvironment.extraProblem("FOO", "plain")).isEmpty();
    }
}
