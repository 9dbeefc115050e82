package dev.hotplex.adapter.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ServeCommandTest {
    @TempDir
    Path temp;

    @Test
    void serveHandsOverToTheServiceHost() {
        CliHarness cli = new CliHarness(temp);
        assertThat(cli.run("serve")).isZero();
        assertThat(cli.serves.get()).isEqualTo(1);
        assertThat(cli.out()).contains("serving (test host)");
    }

    @Test
    void serveHelpExplainsConfigurationAndShutdown() {
        CliHarness cli = new CliHarness(temp);
        assertThat(cli.run("serve", "--help")).isZero();
        assertThat(cli.out()).contains("http.api-keys", "SIGTERM");
        assertThat(cli.serves.get()).isZero();
    }
}
