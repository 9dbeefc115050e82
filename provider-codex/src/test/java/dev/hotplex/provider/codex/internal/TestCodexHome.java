package dev.hotplex.provider.codex.internal;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which dir the sandbox leaves writable for Codex, and that it exists before the launch. */
class TestCodexHome {
    @TempDir
    Path temp;

    @Test
    void the_configured_home_wins_over_home_dot_codex() {
        CodexHome home = new CodexHome(Optional.of(temp.resolve("configured")), Map.of("HOME", temp.toString()));

        assertThat(home.dir()).contains(temp.resolve("configured"));
    }

    @Test
    void without_one_it_is_dot_codex_in_the_clis_home_and_without_an_absolute_home_none() {
        assertThat(new CodexHome(Optional.empty(), Map.of("HOME", temp.toString())).dir())
                .contains(temp.resolve(".codex"));
        assertThat(new CodexHome(Optional.empty(), Map.of("HOME", "relative")).dir()).isEmpty();
        assertThat(new CodexHome(Optional.empty(), Map.of()).dir()).isEmpty();
        assertThat(new CodexHome(Optional.empty(), Map.of()).create()).isEmpty();
    }

    @Test
    void create_makes_a_missing_home_owner_only_and_leaves_an_existing_one_alone() throws IOException {
        Path missing = temp.resolve("a/b/home");
        Path existing = Files.createDirectories(temp.resolve("existing"));
        Files.writeString(existing.resolve("config.toml"), "model = \"x\"\n");

        assertThat(new CodexHome(Optional.of(missing), Map.of()).create()).contains(missing);
        assertThat(new CodexHome(Optional.of(existing), Map.of()).create()).contains(existing);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(missing))).isEqualTo("rwx------");
        assertThat(existing.resolve("config.toml")).hasContent("model = \"x\"");
    }

    @Test
    void a_home_that_cannot_be_created_is_invalid_config_naming_it() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "");
        CodexHome home = new CodexHome(Optional.of(file.resolve("home")), Map.of());

        assertThatThrownBy(home::create).isInstanceOfSatisfying(HotplexException.class,
                e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_CONFIG))
                .hasMessageContaining(file.resolve("home").toString());
    }
}
