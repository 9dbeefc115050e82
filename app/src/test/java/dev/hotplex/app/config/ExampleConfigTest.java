package dev.hotplex.app.config;

import dev.hotplex.adapter.http.HttpConfig;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.provider.claude.ClaudeProviderConfig;
import dev.hotplex.provider.codex.CodexProviderConfig;
import dev.hotplex.provider.process.SandboxConfig;
import dev.hotplex.provider.process.SandboxMode;
import dev.hotplex.waf.WafConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented example config loads, and every value it shows is the real default. */
class ExampleConfigTest {
    private static final Path EXAMPLE = Path.of("..", "hotplex.example.yaml");
    private static final Path HOME = Path.of(System.getProperty("user.home"));

    @Test
    void theExampleLoadsAndMatchesTheDefaults() {
        assertThat(EXAMPLE).isRegularFile();
        ConfigLoader loader = new ConfigLoader();
        HotplexSettings example = loader.load(Optional.of(EXAMPLE), Map.of(), Map.of());
        HotplexSettings none = loader.load(Optional.empty(), Map.of(), Map.of());

        Path workspace = none.workspace().rootPath(HOME);
        Path state = none.state().dirPath(HOME);
        assertThat(example.workspace().rootPath(HOME)).isEqualTo(workspace);
        assertThat(example.state().dirPath(HOME)).isEqualTo(state);
        assertThat(example.providers()).isEqualTo(none.providers());
        assertThat(example.adapters()).isEqualTo(none.adapters());
        assertThat(example.engineConfig(HOME)).isEqualTo(none.engineConfig(HOME));
        assertThat(example.engineConfig(HOME)).isEqualTo(EngineConfig.defaults(workspace));
        assertThat(example.claude().toProviderConfig()).isEqualTo(ClaudeProviderConfig.defaults());
        assertThat(example.sandbox().toSandboxConfig(HOME, state, workspace))
                .isEqualTo(none.sandbox().toSandboxConfig(HOME, state, workspace))
                .isEqualTo(SandboxConfig.defaults().withHiddenPaths(List.of(state, workspace)));
        assertThat(example.codex().toProviderConfig(state.resolve("codex"), HOME))
                .isEqualTo(CodexProviderConfig.defaults().withStateDir(state.resolve("codex")));
        assertThat(example.http().toHttpConfig(workspace)).isEqualTo(HttpConfig.defaults().withWorkspaceRoot(workspace));
        WafConfig waf = example.waf().toWafConfig(workspace, state, HOME);
        assertThat(waf).isEqualTo(none.waf().toWafConfig(workspace, state, HOME));
        assertThat(waf.allowPaths()).isEqualTo(List.of(workspace));
    }

    @Test
    void everyDocumentedKeyIsARealKey() throws Exception {
        // uncommenting the optional keys must still load: they are spelled right
        String uncommented = Files.readString(EXAMPLE)
                .replace("  # model: ", "  model: ")
                .replace("  # permission-mode: ", "  permission-mode: ")
                .replace("  # max-turns: ", "  max-turns: ")
                .replace("  # home: ", "  home: ")
                .replace("  # mode: ", "  mode: ")
                .replace("  # max-concurrent-starts: <cores>", "  max-concurrent-starts: 2");
        Path copy = Files.createTempFile("hotplex-example", ".yaml");
        try {
            Files.writeString(copy, uncommented);
            HotplexSettings settings = new ConfigLoader().load(Optional.of(copy), Map.of(), Map.of());
            assertThat(settings.claude().toProviderConfig().model()).contains("claude-sonnet-4-5");
            assertThat(settings.engineConfig(HOME).maxConcurrentStarts()).isEqualTo(2);
            assertThat(settings.sandbox().toSandboxConfig(HOME, HOME, HOME).mode()).contains(SandboxMode.BWRAP);
            assertThat(settings.codex().toProviderConfig(HOME, HOME).model()).contains("gpt-5.5");
            assertThat(settings.codex().toProviderConfig(HOME, HOME).home()).contains(HOME.resolve(".codex"));
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
