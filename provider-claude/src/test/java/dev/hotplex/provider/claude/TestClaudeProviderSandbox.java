package dev.hotplex.provider.claude;

import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.core.port.out.TurnCompletion.Status;
import dev.hotplex.provider.process.SandboxConfig;
import dev.hotplex.provider.process.SandboxMode;
import dev.hotplex.testkit.ProcessGroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The provider with the bubblewrap sandbox on and a config dir per tenant or per session (issue #10), over the
 * fake CLI: turns run inside the sandbox, each tenant's transcripts land in its own config dir, resume and
 * discard find them there and only there. {@code HOTPLEX_SKIP_SANDBOX_TESTS=1} skips.
 */
class TestClaudeProviderSandbox {
    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    Path root;
    private FakeClaudeFixture fake;

    @BeforeAll
    static void requireBwrap() {
        assumeFalse("1".equals(System.getenv("HOTPLEX_SKIP_SANDBOX_TESTS")), "HOTPLEX_SKIP_SANDBOX_TESTS=1");
    }

    @BeforeEach
    void setUp() {
        fake = new FakeClaudeFixture(root);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void hotTurnsRunInsideTheSandboxWithTheTenantsOwnConfigDir() throws IOException {
        ClaudeProvider provider = fake.provider(sandboxed(ConfigDirScope.TENANT));
        assertThat(provider.sandbox()).startsWith("bwrap (bubblewrap ");
        AgentConnection connection = provider.open(spec("acme", "acme:one"));

        assertThat(fake.run(connection, "first").completion().status()).isEqualTo(Status.SUCCESS);
        assertThat(fake.run(connection, "pwd").answer()).contains(fake.workDir.toString());
        assertThat(connection.pid()).isPresent();
        long pgid = connection.pid().orElseThrow();
        assertThat(ProcessGroups.liveMembers(pgid)).as("bwrap, its init and the CLI, all in one group")
                .hasSizeGreaterThanOrEqualTo(3);
        connection.close(GRACE);

        assertThat(ProcessGroups.liveMembers(pgid)).isEmpty();
        assertThat(transcripts(fake.configDir.resolve("tenants").resolve("acme"))).hasSize(1);
        assertThat(fake.configDir.resolve("projects")).as("nothing in the engine's shared config dir").doesNotExist();
    }

    @Test
    void resumeAndDiscardSeeOnlyTheTenantsOwnTranscripts() {
        ClaudeProvider provider = fake.provider(sandboxed(ConfigDirScope.TENANT));
        SessionSpec acme = spec("acme", "acme:one");
        SessionSpec globex = spec("globex", "globex:one"); // same provider session id, other tenant
        AgentConnection connection = provider.open(acme);
        fake.run(connection, "remember this");
        connection.close(GRACE);

        assertThat(provider.canResume(acme)).isTrue();
        assertThat(provider.canResume(globex)).isFalse();
        provider.discardSessionFiles(globex);
        assertThat(provider.canResume(acme)).as("another tenant's discard leaves acme's transcript").isTrue();

        AgentConnection resumed = provider.open(resume(acme));
        assertThat(fake.run(resumed, "again").completion().status()).isEqualTo(Status.SUCCESS);
        resumed.close(GRACE);
        provider.discardSessionFiles(acme);
        assertThat(provider.canResume(acme)).isFalse();
    }

    @Test
    void perSessionScopeGivesEachSessionItsOwnConfigDir() throws IOException {
        ClaudeProvider provider = fake.provider(sandboxed(ConfigDirScope.SESSION));
        SessionSpec one = spec("acme", "acme:one");
        SessionSpec two = new SessionSpec(SessionId.of("acme:two"), "acme", "6f1c1e2a-0000-5000-8000-000000000002",
                fake.workDir, false, Optional.empty(), List.of(), List.of());
        for (SessionSpec spec : List.of(one, two)) {
            AgentConnection connection = provider.open(spec);
            fake.run(connection, "hello");
            connection.close(GRACE);
        }

        assertThat(provider.canResume(one)).isTrue();
        assertThat(provider.canResume(two)).isTrue();
        try (Stream<Path> sessions = Files.list(fake.configDir.resolve("sessions"))) {
            List<Path> dirs = sessions.toList();
            assertThat(dirs).hasSize(2);
            for (Path dir : dirs) {
                assertThat(transcripts(dir)).hasSize(1);
            }
        }
    }

    private ClaudeProviderConfig.Builder sandboxed(ConfigDirScope scope) {
        return fake.config().sandbox(SandboxConfig.defaults().withMode(SandboxMode.BWRAP)).configDirScope(scope);
    }

    private SessionSpec spec(String owner, String sessionId) {
        return new SessionSpec(SessionId.of(sessionId), owner, FakeClaudeFixture.SESSION_UUID, fake.workDir, false,
                Optional.empty(), List.of(), List.of());
    }

    private static SessionSpec resume(SessionSpec spec) {
        return new SessionSpec(spec.sessionId(), spec.owner(), spec.providerSessionId(), spec.workDir(), true,
                Optional.empty(), List.of(), List.of());
    }

    private static List<Path> transcripts(Path configDir) throws IOException {
        if (!Files.isDirectory(configDir.resolve("projects"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(configDir.resolve("projects"))) {
            return files.filter(file -> file.toString().endsWith(".jsonl")).toList();
        }
    }
}
