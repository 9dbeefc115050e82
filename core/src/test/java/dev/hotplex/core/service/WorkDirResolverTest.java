package dev.hotplex.core.service;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkDirResolverTest {
    @TempDir
    Path temp;

    private Path workspace;
    private Path root;
    private Path outside;
    private WorkDirResolver resolver;

    @BeforeEach
    void setUp() throws IOException {
        workspace = Files.createDirectories(temp.resolve("workspace")).toRealPath();
        root = Files.createDirectories(workspace.resolve("default")); // the tenant root of SessionConfig.of(...)
        outside = Files.createDirectories(temp.resolve("outside")).toRealPath();
        Files.createDirectories(root.resolve("inner/deep"));
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("inner/escape-up"), Path.of("../../../outside"));
        Files.createSymbolicLink(root.resolve("to-inner"), root.resolve("inner"));
        Files.createSymbolicLink(root.resolve("dangling"), temp.resolve("nowhere"));
        Files.createSymbolicLink(root.resolve("to-root"), root);
        Files.writeString(root.resolve("a-file"), "x");
        Files.createSymbolicLink(root.resolve("to-workspace"), workspace);
        Files.createDirectories(workspace.resolve("victim/secret"));
        Files.createSymbolicLink(root.resolve("to-victim"), workspace.resolve("victim/secret"));
        resolver = new WorkDirResolver(workspace);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("..", "'..' segment"),
                Arguments.of("../outside", "'..' segment"),
                Arguments.of("inner/../../outside", "'..' segment"),
                Arguments.of("inner/..", "'..' segment"),
                Arguments.of("/etc", "absolute path outside"),
                Arguments.of("/", "absolute path outside"),
                Arguments.of("/tmp", "absolute path outside"),
                Arguments.of("escape", "symbolic link"),
                Arguments.of("escape/sub/dir", "symbolic link"),
                Arguments.of("inner/escape-up", "symbolic link"),
                Arguments.of("inner/escape-up/new", "symbolic link"),
                Arguments.of("dangling", "cannot be resolved"),
                Arguments.of("to-root", "tenant's workspace itself"),
                Arguments.of(".", "tenant's workspace itself"),
                Arguments.of("to-workspace", "symbolic link"),
                Arguments.of("to-victim", "symbolic link"),
                Arguments.of("to-victim/more", "symbolic link"),
                Arguments.of("a-file", "not a directory"),
                Arguments.of("bad\nname", "control characters"),
                Arguments.of("x".repeat(2000), "longer than"));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @MethodSource("refused")
    void refusesEscapes(String requested, String why) {
        assertThatThrownBy(() -> resolver.resolve(SessionConfig.of("s1").withWorkDir(requested)))
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_CONFIG))
                .hasMessageContaining(why);
    }

    @Test
    void refusesTheRootGivenAsAnAbsolutePath() {
        assertThatThrownBy(() -> resolver.resolve(SessionConfig.of("s1").withWorkDir(root.toString())))
                .hasMessageContaining("tenant's workspace itself");
    }

    @Test
    void aTenantCannotNameAnotherTenantsDirectory() {
        SessionConfig acme = SessionConfig.of("s1").withOwner("acme");
        assertThat(resolver.resolve(acme)).isEqualTo(workspace.resolve("acme/s1"));
        assertThat(resolver.resolve(acme.withWorkDir("default/inner"))).isEqualTo(workspace.resolve("acme/default/inner"));
        assertThatThrownBy(() -> resolver.resolve(acme.withWorkDir(root.resolve("inner").toString())))
                .hasMessageContaining("absolute path outside this tenant's workspace");
        assertThatThrownBy(() -> resolver.resolve(acme.withWorkDir(workspace.resolve("victim/secret").toString())))
                .hasMessageContaining("absolute path outside this tenant's workspace");
        assertThatThrownBy(() -> resolver.resolve(acme.withWorkDir("../default/inner")))
                .hasMessageContaining("'..' segment");
    }

    @Test
    void tenantNamesThatAreNotPlainFileNamesGetAHashedDirectory() {
        Path dotted = resolver.resolve(SessionConfig.of("s1").withOwner(".."));
        Path slashed = resolver.resolve(SessionConfig.of("s1").withOwner("a/b"));
        assertThat(dotted.getParent().getParent()).isEqualTo(workspace);
        assertThat(dotted.getParent().getFileName().toString()).startsWith("h-");
        assertThat(slashed.getParent().getParent()).isEqualTo(workspace);
        assertThat(slashed.getParent()).isNotEqualTo(dotted.getParent());
    }

    @Test
    void aTenantRootThatLinksOutOfTheWorkspaceIsRefused() throws IOException {
        Files.createSymbolicLink(workspace.resolve("linked"), outside);
        assertThatThrownBy(() -> resolver.resolve(SessionConfig.of("s1").withOwner("linked")))
                .hasMessageContaining("symbolic link");
    }

    @Test
    void aRecordedWorkDirFromBeforeTenantRootsStillResolves() throws IOException {
        Path legacy = Files.createDirectories(workspace.resolve("acme:s1"));
        assertThat(resolver.resolveRecorded(legacy)).isEqualTo(legacy);
        assertThatThrownBy(() -> resolver.resolveRecorded(outside)).hasMessageContaining("outside the workspace root");
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("project", "project"),
                Arguments.of("inner", "inner"),
                Arguments.of("inner/deep", "inner/deep"),
                Arguments.of("inner/./deep", "inner/deep"),
                Arguments.of("new/nested/dir", "new/nested/dir"),
                Arguments.of("to-inner/deep", "inner/deep"),
                Arguments.of("", "s1"));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @MethodSource("accepted")
    void resolvesInsideTheRoot(String requested, String expected) {
        assertThat(resolver.resolve(SessionConfig.of("s1").withWorkDir(requested))).isEqualTo(root.resolve(expected));
    }

    @Test
    void defaultsToTheSessionIdUnderTheRoot() {
        assertThat(resolver.resolve(SessionConfig.of("user-7"))).isEqualTo(root.resolve("user-7"));
    }

    @Test
    void acceptsAnAbsolutePathInsideTheRoot() {
        assertThat(resolver.resolve(SessionConfig.of("s1").withWorkDir(root.resolve("inner").toString())))
                .isEqualTo(root.resolve("inner"));
    }

    @Test
    void createsTheDirectoryAndChecksItAgain() {
        Path dir = resolver.resolve(SessionConfig.of("s1").withWorkDir("made/here"));
        assertThat(dir).doesNotExist();
        assertThat(resolver.create(dir)).isDirectory().isEqualTo(root.resolve("made/here"));
        assertThat(resolver.tenantRoot("default")).isEqualTo(root);
    }

    @Test
    void refusesARootThatIsAFile() throws IOException {
        Path file = Files.writeString(temp.resolve("plain-file"), "x");
        assertThatThrownBy(() -> new WorkDirResolver(file))
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_CONFIG));
    }
}
