package dev.hotplex.provider.codex.internal;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.provider.codex.internal.CodexHome.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whose {@code CODEX_HOME} a session gets, and what a new tenant's home starts with. */
class TestCodexHomeScopes {
    @TempDir
    Path temp;

    @Test
    void tenant_scope_gives_each_owner_a_home_under_the_base_and_the_same_one_to_every_session_of_it() {
        CodexHome home = new CodexHome(Optional.of(temp), Map.of(), Scope.TENANT);

        assertThat(home.of(spec("acme:one", "acme"))).contains(temp.resolve("tenants/acme"));
        assertThat(home.of(spec("acme:two", "acme"))).contains(temp.resolve("tenants/acme"));
        assertThat(home.of(spec("beta:one", "beta"))).contains(temp.resolve("tenants/beta"));
        assertThat(home.separates()).isTrue();
    }

    @Test
    void session_scope_gives_each_session_its_own_and_engine_scope_the_base_itself() {
        CodexHome perSession = new CodexHome(Optional.of(temp), Map.of(), Scope.SESSION);
        CodexHome engine = new CodexHome(Optional.of(temp), Map.of(), Scope.ENGINE);

        assertThat(perSession.of(spec("acme-one", "acme"))).contains(temp.resolve("sessions/acme-one"));
        assertThat(perSession.of(spec("acme-two", "acme"))).contains(temp.resolve("sessions/acme-two"));
        assertThat(engine.of(spec("acme-one", "acme"))).contains(temp);
        assertThat(engine.separates()).isFalse();
    }

    @Test
    void names_that_are_not_plain_file_names_get_a_digest_and_never_leave_the_base() {
        CodexHome home = new CodexHome(Optional.of(temp), Map.of(), Scope.TENANT);

        for (String owner : List.of("..", ".", "a/../../etc", "Acme", "acme\u0000x", "")) {
            Path dir = home.of(spec("s", owner)).orElseThrow();
            assertThat(dir.getParent()).as(owner).isEqualTo(temp.resolve("tenants"));
            assertThat(dir.getFileName().toString()).as(owner).matches("h-[0-9a-f]{32}");
        }
        assertThat(home.of(spec("s", "Acme"))).isNotEqualTo(home.of(spec("s", "acme")));
    }

    @Test
    void without_a_known_base_there_is_no_home_to_give() {
        CodexHome home = new CodexHome(Optional.empty(), Map.of("HOME", "relative"), Scope.TENANT);

        assertThat(home.of(spec("s", "acme"))).isEmpty();
        assertThat(home.create(spec("s", "acme"))).isEmpty();
    }

    @Test
    void the_base_comes_from_codex_home_in_the_cli_environment_before_home_dot_codex() {
        CodexHome home = new CodexHome(Optional.empty(), Map.of("CODEX_HOME", temp.resolve("ch").toString(),
                "HOME", temp.toString()), Scope.TENANT);

        assertThat(home.of(spec("s", "acme"))).contains(temp.resolve("ch/tenants/acme"));
    }

    @Test
    void a_tenants_home_is_created_owner_only_and_seeded_with_the_bases_config_and_auth() throws IOException {
        Files.writeString(temp.resolve("config.toml"), "model = \"m\"\n");
        Files.writeString(temp.resolve("auth.json"), "{\"key\":\"k\"}");
        Files.writeString(temp.resolve("history.jsonl"), "someone else's history");
        CodexHome home = new CodexHome(Optional.of(temp), Map.of(), Scope.TENANT);

        Path acme = home.create(spec("s", "acme")).orElseThrow();

        assertThat(acme).isEqualTo(temp.resolve("tenants/acme"));
        assertThat(permissions(acme)).isEqualTo("rwx------");
        assertThat(permissions(temp.resolve("tenants"))).isEqualTo("rwx------");
        assertThat(acme.resolve("config.toml")).hasContent("model = \"m\"");
        assertThat(acme.resolve("auth.json")).hasContent("{\"key\":\"k\"}");
        assertThat(permissions(acme.resolve("auth.json"))).isEqualTo("rw-------");
        assertThat(acme.resolve("history.jsonl")).doesNotExist();
        try (var files = Files.list(acme)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("config.toml",
                    "auth.json");
        }
    }

    @Test
    void a_seeded_home_keeps_its_own_config_and_a_base_without_auth_seeds_none() throws IOException {
        Files.writeString(temp.resolve("config.toml"), "model = \"base\"\n");
        CodexHome home = new CodexHome(Optional.of(temp), Map.of(), Scope.TENANT);
        Path acme = home.create(spec("s", "acme")).orElseThrow();
        Files.writeString(acme.resolve("config.toml"), "model = \"own\"\n");

        assertThat(home.create(spec("s2", "acme"))).contains(acme);

        assertThat(acme.resolve("config.toml")).hasContent("model = \"own\"");
        assertThat(acme.resolve("auth.json")).doesNotExist();
    }

    @Test
    void a_missing_base_is_created_too() {
        Path base = temp.resolve("a/base");
        CodexHome home = new CodexHome(Optional.of(base), Map.of(), Scope.SESSION);

        assertThat(home.create(spec("one", "acme"))).contains(base.resolve("sessions/one"));
        assertThat(base.resolve("sessions/one")).isDirectory();
    }

    @Test
    void a_symbolic_link_in_place_of_a_tenants_home_is_refused() throws IOException {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path base = Files.createDirectories(temp.resolve("base/tenants")).getParent();
        Files.createSymbolicLink(base.resolve("tenants/acme"), elsewhere);
        CodexHome home = new CodexHome(Optional.of(base), Map.of(), Scope.TENANT);

        assertThatThrownBy(() -> home.create(spec("s", "acme"))).isInstanceOfSatisfying(HotplexException.class,
                e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_CONFIG))
                .hasMessageContaining("symbolic link");
    }

    @Test
    void a_file_in_the_way_of_a_tenants_home_is_invalid_config_naming_it() throws IOException {
        Files.createDirectories(temp.resolve("tenants"));
        Files.writeString(temp.resolve("tenants/acme"), "");
        CodexHome home = new CodexHome(Optional.of(temp), Map.of(), Scope.TENANT);

        assertThatThrownBy(() -> home.create(spec("s", "acme"))).isInstanceOfSatisfying(HotplexException.class,
                e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_CONFIG))
                .hasMessageContaining(temp.resolve("tenants/acme").toString());
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static SessionSpec spec(String id, String owner) {
        return new SessionSpec(SessionId.of(id), owner, "3b241101-e2bb-5255-8caf-4136c566a962", Path.of("/w"), false,
                Optional.empty(), List.of(), List.of());
    }
}
