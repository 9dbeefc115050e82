package dev.hotplex.app.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchOptionsTest {
    @Test
    void globalOptionsBeforeTheSubcommandAreReadAndTheSubcommandIsNamed() {
        LaunchOptions options = LaunchOptions.scan(new String[] {"--config", "x.yaml", "--set", "engine.max-sessions=8",
                "--log-level=debug", "run", "--set", "ignored=1", "hello"});

        assertThat(options.configFile()).contains(Path.of("x.yaml"));
        assertThat(options.overrides()).isEqualTo(Map.of("engine.max-sessions", "8", "log.level", "debug"));
        assertThat(options.subcommand()).contains("run");
        assertThat(options.longRunning()).isFalse();
    }

    @Test
    void onlyServeAndChatKeepTheirEngineLongEnoughForSpares() {
        assertThat(LaunchOptions.scan(new String[] {"serve"}).longRunning()).isTrue();
        assertThat(LaunchOptions.scan(new String[] {"--set", "a.b=c", "chat"}).longRunning()).isTrue();
        assertThat(LaunchOptions.scan(new String[] {"version"}).longRunning()).isFalse();
        assertThat(LaunchOptions.scan(new String[] {"sessions", "list"}).longRunning()).isFalse();
        assertThat(LaunchOptions.scan(new String[] {"--help"}).subcommand()).isEqualTo(Optional.empty());
    }

    @Test
    void aGlobalOptionWithoutItsValueIsAClearError() {
        assertThatThrownBy(() -> LaunchOptions.scan(new String[] {"--config"})).hasMessageContaining("--config needs a value");
        assertThatThrownBy(() -> LaunchOptions.scan(new String[] {"--set", "novalue", "run"}))
                .hasMessageContaining("--set needs KEY=VALUE");
    }
}
