package dev.hotplex.app.config;

import dev.hotplex.provider.codex.CodexHomeScope;
import dev.hotplex.provider.codex.CodexPrice;
import dev.hotplex.provider.codex.CodexProviderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code codex:} section: every key maps onto the provider's config; bad values name their key. */
class CodexSettingsTest {
    @TempDir
    Path temp;

    private HotplexSettings load(String yaml) throws IOException {
        Path file = temp.resolve("hotplex.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader().load(Optional.of(file), Map.of(), Map.of(), temp);
    }

    @Test
    void every_key_reaches_the_provider_config() throws IOException {
        HotplexSettings settings = load("""
                providers: [claude, codex]
                codex:
                  binary: /opt/codex/bin/codex
                  model: gpt-5.5
                  home: ~/codex-home
                  sandbox: read-only
                  approval-policy: untrusted
                  env: {OPENAI_API_KEY: sk-test}
                  env-allow: [HTTPS_PROXY]
                  max-line-bytes: 1048576
                  startup-timeout: 20s
                  shutdown-grace: 2s
                  home-scope: session
                  prices:
                    gpt-5.5: {input: 1.25, cached-input: 0.125, output: 10}
                    gpt-mini: {input: 0.25, output: 2}
                """);
        CodexProviderConfig config = settings.codex().toProviderConfig(temp.resolve("state"), temp);

        assertThat(settings.providers()).containsExactly("claude", "codex");
        assertThat(config.binary()).isEqualTo("/opt/codex/bin/codex");
        assertThat(config.model()).contains("gpt-5.5");
        assertThat(config.home()).contains(temp.resolve("codex-home"));
        assertThat(config.sandbox()).isEqualTo("read-only");
        assertThat(config.approvalPolicy()).isEqualTo("untrusted");
        assertThat(config.extraEnv()).containsEntry("OPENAI_API_KEY", "sk-test");
        assertThat(config.envAllow()).contains("PATH", "HTTPS_PROXY");
        assertThat(config.maxLineBytes()).isEqualTo(1_048_576);
        assertThat(config.startupTimeout()).hasSeconds(20);
        assertThat(config.shutdownGrace()).hasSeconds(2);
        assertThat(config.stateDir()).isEqualTo(temp.resolve("state"));
        assertThat(config.homeScope()).isEqualTo(CodexHomeScope.SESSION);
        assertThat(config.prices()).containsEntry("gpt-5.5", new CodexPrice(new BigDecimal("1.25"),
                new BigDecimal("0.125"), new BigDecimal("10")));
        assertThat(config.prices().get("gpt-mini").cachedInputPerMillion()).as("defaults to the input price")
                .isEqualByComparingTo("0.25");
        assertThat(settings.codex().toString()).doesNotContain("sk-test");
    }

    @Test
    void homes_are_per_tenant_unless_configured_and_an_unknown_scope_is_refused_naming_the_key() throws IOException {
        assertThat(load("providers: [codex]\n").codex().toProviderConfig(temp, temp).homeScope())
                .isEqualTo(CodexHomeScope.TENANT);
        assertThat(load("codex: {home-scope: engine}\n").codex().toProviderConfig(temp, temp).homeScope())
                .isEqualTo(CodexHomeScope.ENGINE);
        assertThatThrownBy(() -> load("codex: {home-scope: everyone}\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("codex.home-scope").hasMessageContaining("[engine, tenant, session]");
    }

    @Test
    void a_price_without_output_is_refused_naming_the_section() {
        assertThatThrownBy(() -> load("""
                codex:
                  prices:
                    gpt-5.5: {input: 1.25}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("codex")
                .hasMessageContaining("needs input and output");
    }
}
