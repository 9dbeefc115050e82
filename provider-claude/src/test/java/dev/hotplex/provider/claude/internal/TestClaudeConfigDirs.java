package dev.hotplex.provider.claude.internal;

import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.provider.claude.internal.ClaudeConfigDirs.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TestClaudeConfigDirs {
    @TempDir
    Path root;

    @Test
    void eachScopeNamesItsDirByOwnerOrSessionOnly() {
        SessionSpec acme = spec("acme:one", "acme");
        assertThat(new ClaudeConfigDirs(root, Scope.ENGINE).of(acme)).isEqualTo(root);
        assertThat(new ClaudeConfigDirs(root, Scope.TENANT).of(acme)).isEqualTo(root.resolve("tenants/acme"));
        assertThat(new ClaudeConfigDirs(root, Scope.TENANT).of(spec("acme:two", "acme")))
                .isEqualTo(root.resolve("tenants/acme"));
        Path session = new ClaudeConfigDirs(root, Scope.SESSION).of(acme);
        assertThat(session.getParent()).isEqualTo(root.resolve("sessions"));
        assertThat(session).isNotEqualTo(new ClaudeConfigDirs(root, Scope.SESSION).of(spec("acme:two", "acme")));
    }

    @Test
    void namesThatAreNotPlainFileNamesAreDigestedSoTheyNeitherEscapeNorCollide() {
        assertThat(ClaudeConfigDirs.fileName("acme")).isEqualTo("acme");
        assertThat(ClaudeConfigDirs.fileName("..")).startsWith("h-").hasSize(34);
        assertThat(ClaudeConfigDirs.fileName("../etc")).startsWith("h-").doesNotContain("/");
        assertThat(ClaudeConfigDirs.fileName("Acme")).isNotEqualTo(ClaudeConfigDirs.fileName("acme"));
        assertThat(ClaudeConfigDirs.fileName("a:b")).isNotEqualTo(ClaudeConfigDirs.fileName("a_b"));
    }

    @Test
    void createsTheDirOwnerOnly() throws Exception {
        Path dir = new ClaudeConfigDirs(root, Scope.TENANT).create(spec("acme:one", "acme"));

        assertThat(dir).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    private static SessionSpec spec(String id, String owner) {
        return new SessionSpec(SessionId.of(id), owner, "3b241101-e2bb-5255-8caf-4136c566a962", Path.of("/w"), false,
                Optional.empty(), List.of(), List.of());
    }
}
