package dev.hotplex.provider.claude;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.testkit.ProcessGroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting the CLI: arguments, environment, work dir, the readiness handshake and what happens when it fails. */
class TestClaudeProviderStartup {
    @TempDir
    Path root;
    private FakeClaudeFixture fake;

    @BeforeEach
    void setUp() {
        fake = new FakeClaudeFixture(root);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void openReturnsOnlyOnceTheCliAnsweredTheInitializeHandshake() {
        ClaudeProvider provider = fake.provider(fake.config().putExtraEnv("FAKE_CLAUDE_INIT_DELAY", "0.4"));

        long start = System.nanoTime();
        AgentConnection connection = provider.open(fake.spec());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(connection.isAlive()).isTrue();
        assertThat(connection.pid()).isPresent();
        assertThat(fake.run(connection, "first-line").answer()).isEqualTo("control_request:initialize");
    }

    @Test
    void theCliLeadsItsOwnProcessGroupAndRunsInTheWorkDir() throws IOException {
        AgentConnection connection = fake.provider(fake.config()).open(fake.spec());
        long pid = connection.pid().orElseThrow();

        assertThat(ProcessGroups.groupOf(pid)).contains(pid);
        assertThat(ProcessGroups.groupOf(ProcessHandle.current().pid())).isNotEqualTo(Optional.of(pid));
        assertThat(fake.run(connection, "pwd").answer()).isEqualTo(fake.workDir.toRealPath().toString());
    }

    @Test
    void theArgumentsComeFromTheSessionAndTheConfigAsSeparateArguments() {
        ClaudeProvider provider = fake.provider(fake.config().model("claude-test").permissionMode("acceptEdits")
                .maxTurns(3).extraArgs(List.of("--bare")));

        AgentConnection connection = provider.open(fake.spec(false, Optional.of("Be brief; don't \"quote\" $HOME"),
                List.of("Read", "Bash(git log:*)")));

        assertThat(fake.run(connection, "argv").answer().lines().toList()).containsExactly(
                "-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose",
                "--include-partial-messages", "--permission-prompt-tool", "stdio", "--permission-mode", "acceptEdits",
                "--model", "claude-test", "--session-id", FakeClaudeFixture.SESSION_UUID,
                "--append-system-prompt", "Be brief; don't \"quote\" $HOME", "--allowedTools", "Read,Bash(git log:*)",
                "--max-turns", "3", "--bare");
    }

    @Test
    void theEnvironmentIsAllowListedPlusExtrasWithoutEngineSecrets() {
        Map<String, String> engine = fake.engineEnvironment();
        engine.putAll(Map.of("ANTHROPIC_API_KEY", "sk-user", "ANTHROPIC_BASE_URL", "http://127.0.0.1:9",
                "DISABLE_TELEMETRY", "1", "IS_SANDBOX", "1", "LC_ALL", "C.UTF-8", "CLAUDECODE", "1",
                "HOTPLEX_ADMIN_TOKEN", "admin-secret", "HOTPLEX_API_KEYS", "k1", "OPENAI_API_KEY", "sk-other",
                "JAVA_TOOL_OPTIONS", "-Dx=y"));
        ClaudeProvider provider = fake.provider(fake.config().putExtraEnv("EXTRA_SETTING", "on"), engine);

        List<String> names = Arrays.asList(fake.run(provider.open(fake.spec()), "env").answer().split(" "));

        assertThat(names).contains("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "DISABLE_TELEMETRY", "IS_SANDBOX",
                        "LC_ALL", "PATH", "HOME", "CLAUDE_CONFIG_DIR", "EXTRA_SETTING")
                .doesNotContain("CLAUDECODE", "HOTPLEX_ADMIN_TOKEN", "HOTPLEX_API_KEYS", "OPENAI_API_KEY",
                        "JAVA_TOOL_OPTIONS");
    }

    @Test
    void aCliThatExitsAtOnceFailsOpenWithItsExitCodeAndStderrAndLeavesNoProcess() throws IOException {
        Path pidFile = root.resolve("pid");
        ClaudeProvider provider = fake.provider(fake.config().putExtraEnv("FAKE_CLAUDE_STARTUP", "exit")
                .putExtraEnv("FAKE_CLAUDE_PID_FILE", pidFile.toString()));

        assertThatThrownBy(() -> provider.open(fake.spec())).isInstanceOfSatisfying(HotplexException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(StandardErrorCode.PROCESS_START_FAILED);
            assertThat(e.getMessage()).contains("exited before it answered", "exit code 7",
                    "fake-claude: cannot start: unknown option --bogus");
        });
        assertThat(ProcessGroups.liveMembers(Long.parseLong(Files.readString(pidFile).strip()))).isEmpty();
        assertThat(provider.liveProcessGroups()).isEmpty();
    }

    @ParameterizedTest(name = "startup mode {0}")
    @ValueSource(strings = {"hang", "silent"})
    void aCliThatNeverAnswersFailsOpenWithinTheStartupTimeoutAndLeavesNoProcess(String mode) throws IOException {
        Path pidFile = root.resolve("pid");
        Duration timeout = Duration.ofMillis(800);
        ClaudeProvider provider = fake.provider(fake.config().startupTimeout(timeout)
                .putExtraEnv("FAKE_CLAUDE_STARTUP", mode).putExtraEnv("FAKE_CLAUDE_PID_FILE", pidFile.toString()));

        long start = System.nanoTime();
        assertThatThrownBy(() -> provider.open(fake.spec())).isInstanceOfSatisfying(HotplexException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(StandardErrorCode.PROCESS_START_FAILED);
            assertThat(e.getMessage()).contains("did not answer the initialize handshake within 800 ms", "fake-claude: ");
        });

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(timeout, timeout.plusMillis(1500));
        assertThat(ProcessGroups.liveMembers(Long.parseLong(Files.readString(pidFile).strip()))).isEmpty();
        assertThat(provider.liveProcessGroups()).isEmpty();
    }

    @Test
    void aMissingBinaryFailsOpenAndVersionWithAClearMessage() {
        ClaudeProvider byPath = fake.provider(fake.config().binary(root.resolve("no-claude-here").toString()));
        ClaudeProvider byName = fake.provider(fake.config().binary("no-such-claude-binary"));

        assertThatThrownBy(() -> byPath.open(fake.spec())).isInstanceOfSatisfying(HotplexException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(StandardErrorCode.PROVIDER_UNAVAILABLE);
            assertThat(e.getMessage()).contains("no-claude-here does not exist or is not executable");
        });
        assertThatThrownBy(byName::version).isInstanceOfSatisfying(HotplexException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(StandardErrorCode.PROVIDER_UNAVAILABLE);
            assertThat(e.getMessage()).contains("'no-such-claude-binary' was not found on PATH");
        });
    }

    @Test
    void versionRunsTheCliOnceAndCachesTheAnswer() throws IOException {
        Path calls = root.resolve("version-calls");
        ClaudeProvider provider = fake.provider(fake.config().putExtraEnv("FAKE_CLAUDE_VERSION_COUNT", calls.toString()));

        assertThat(provider.version()).isEqualTo("2.1.330 (Claude Code)");
        assertThat(provider.version()).isEqualTo("2.1.330 (Claude Code)");
        assertThat(Files.readAllLines(calls)).hasSize(1);
        assertThat(provider.name()).isEqualTo("claude");
    }

    @Test
    void aFailingVersionIsProviderUnavailableAndIsNotCached() throws IOException {
        Path calls = root.resolve("version-calls");
        ClaudeProvider provider = fake.provider(fake.config().putExtraEnv("FAKE_CLAUDE_VERSION", "fail")
                .putExtraEnv("FAKE_CLAUDE_VERSION_COUNT", calls.toString()));

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(provider::version).isInstanceOfSatisfying(HotplexException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(StandardErrorCode.PROVIDER_UNAVAILABLE);
                assertThat(e.getMessage()).contains("--version failed with exit code 2",
                        "fake-claude: broken installation");
            });
        }
        assertThat(Files.readAllLines(calls)).hasSize(2);
    }

    @Test
    void aConversationBecomesResumableOnceItHasATranscriptAndDiscardForgetsIt() {
        ClaudeProvider provider = fake.provider(fake.config());
        assertThat(provider.canResume(fake.spec())).isFalse();

        AgentConnection first = provider.open(fake.spec());
        assertThat(fake.run(first, "remember me").completion().status()).isEqualTo(TurnCompletion.Status.SUCCESS);
        first.close(Duration.ofSeconds(2));
        assertThat(provider.canResume(fake.spec())).isTrue();

        AgentConnection resumed = provider.open(fake.spec(true, Optional.of("not sent again"), List.of()));
        assertThat(fake.run(resumed, "argv").answer().lines().toList())
                .containsSequence("--resume", FakeClaudeFixture.SESSION_UUID)
                .doesNotContain("--session-id", "--append-system-prompt");
        resumed.close(Duration.ofSeconds(2));

        provider.discardSessionFiles(fake.spec());
        assertThat(provider.canResume(fake.spec())).isFalse();
    }
}
