package dev.hotplex.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HotplexMainTest {
    @TempDir
    Path temp;

    private int run(String... args) {
        return HotplexMain.run(args, Map.of("HOTPLEX_WORKSPACE_ROOT", temp.resolve("ws").toString(),
                "HOTPLEX_PROVIDERS", "", "HOTPLEX_STATE_DIR", temp.resolve("state").toString()));
    }

    @Test
    void runWithoutAProviderExitsWithProviderUnavailable() {
        assertThat(run("run", "hello")).isEqualTo(4);
    }

    @Test
    void aMissingClaudeBinaryIsProviderUnavailable() {
        assertThat(HotplexMain.run(new String[] {"run", "hello"}, Map.of(
                "HOTPLEX_WORKSPACE_ROOT", temp.resolve("ws").toString(),
                "HOTPLEX_STATE_DIR", temp.resolve("state").toString(),
                "HOTPLEX_CLAUDE_BINARY", temp.resolve("no-such-claude").toString()))).isEqualTo(4);
        assertThat(temp.resolve("state/claude-groups")).isDirectory();
    }

    @Test
    void helpAndUsageErrorsHaveTheirExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(run("run", "--help")).isZero();
        assertThat(run("run")).isEqualTo(2);
        assertThat(run("no-such-command")).isEqualTo(2);
        assertThat(run("run", "--session", "../bad", "hi")).isEqualTo(2);
    }

    @Test
    void anUnusableWorkspaceIsAStartupErrorNotACrash() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-dir"), "x");
        assertThat(HotplexMain.run(new String[] {"run", "hi"}, Map.of("HOTPLEX_WORKSPACE_ROOT", file.toString())))
                .isEqualTo(2);
    }

    @Test
    void configurationErrorsAreReportedAsUsageErrors() throws Exception {
        Path config = Files.writeString(temp.resolve("bad.yaml"), "engine:\n  max-sesions: 3\n");
        assertThat(run("--config", config.toString(), "run", "hi")).isEqualTo(2);
        assertThat(run("--set", "engine.max-sessions=0", "run", "hi")).isEqualTo(2);
        assertThat(run("--set", "nonsense", "run", "hi")).isEqualTo(2);
        assertThat(run("--set", "engine.max-sessions=3", "run", "hi")).isEqualTo(4);
    }
}
