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
        return HotplexMain.run(args, Map.of("HOTPLEX_WORKSPACE", temp.resolve("ws").toString()));
    }

    @Test
    void runWithoutAProviderExitsWithProviderUnavailable() {
        assertThat(run("run", "hello")).isEqualTo(4);
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
        assertThat(HotplexMain.run(new String[] {"run", "hi"}, Map.of("HOTPLEX_WORKSPACE", file.toString())))
                .isEqualTo(2);
    }
}
