package dev.hotplex.provider.codex;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.core.port.out.TurnInput;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.RecordingTurnListener;
import dev.hotplex.testkit.openai.FakeOpenAiApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad configuration, a missing or wrong binary, a silent one: typed errors, and no process left behind. */
class TestCodexProviderStartup {
    @TempDir
    Path temp;

    private CodexProviderConfig config(String binary, Duration startupTimeout) {
        return new CodexProviderConfig(binary, Optional.empty(), Optional.empty(), "read-only", "never",
                CodexProviderConfig.DEFAULT_ENV_ALLOW, Map.of(), CodexProviderConfig.DEFAULT_MAX_LINE_BYTES,
                startupTimeout, Duration.ofSeconds(1), temp.resolve("state"));
    }

    private SessionSpec spec() throws IOException {
        return new SessionSpec(SessionId.of("s"), "default", "hotplex-s", Files.createDirectories(temp.resolve("w")),
                false, Optional.empty(), List.of(), List.of());
    }

    private Path script(String name, String body) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static void assertCode(ThrowingCall call, StandardErrorCode code, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HotplexException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void bad_settings_are_invalid_config_naming_the_key() {
        assertCode(() -> CodexProviderConfig.defaults().withPolicy("open", "never"), StandardErrorCode.INVALID_CONFIG,
                "codex sandbox 'open'");
        assertCode(() -> CodexProviderConfig.defaults().withPolicy("read-only", "always"),
                StandardErrorCode.INVALID_CONFIG, "approval-policy 'always'");
    }

    @Test
    void a_missing_binary_is_provider_unavailable_for_version_and_open() throws Exception {
        try (CodexProvider provider = new CodexProvider(config("no-such-codex-here", Duration.ofSeconds(5)))) {
            assertCode(provider::version, StandardErrorCode.PROVIDER_UNAVAILABLE, "bin/install-codex");
            SessionSpec spec = spec();
            assertCode(() -> provider.open(spec), StandardErrorCode.PROVIDER_UNAVAILABLE, "no-such-codex-here");
        }
    }

    @Test
    void a_binary_that_exits_at_once_fails_the_start_with_its_stderr_and_leaves_nothing() throws Exception {
        Path quitter = script("quitter", "echo 'not codex at all' >&2\nexit 3");
        try (CodexProvider provider = new CodexProvider(config(quitter.toString(), Duration.ofSeconds(10)))) {
            SessionSpec spec = spec();
            assertCode(() -> provider.open(spec), StandardErrorCode.PROCESS_START_FAILED, "not codex at all");
            assertThat(provider.liveProcessGroups()).isEmpty();
            assertThat(provider.canResume(spec)).isFalse();
        }
    }

    @Test
    void a_silent_binary_times_out_and_its_whole_group_is_ended() throws Exception {
        // an unusual duration marks this test's processes among everything else running on the machine
        Path silent = script("silent", "sleep 120.731 &\nexec sleep 120.731");
        try (CodexProvider provider = new CodexProvider(config(silent.toString(), Duration.ofSeconds(1)))) {
            SessionSpec spec = spec();
            assertCode(() -> provider.open(spec), StandardErrorCode.PROCESS_START_FAILED, "in time");
            assertThat(provider.liveProcessGroups()).isEmpty();
        }
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            assertThat(all.filter(handle -> handle.info().commandLine().orElse("").contains("sleep 120.731"))
                    .filter(TestCodexProviderStartup::notAZombie))
                    .as("the silent CLI and its child").isEmpty();
        }
    }

    @Test
    void discarding_a_session_forgets_its_thread_and_deletes_its_rollout() throws Exception {
        try (CodexLab lab = CodexLab.start(temp.resolve("lab"), FakeOpenAiApi.builder(), "read-only", "never")) {
            AgentConnection connection = lab.provider.open(lab.spec("discard", false));
            RecordingTurnListener listener = new RecordingTurnListener();
            connection.startTurn(new TurnInput("t1", "keep me"), listener);
            listener.awaitCompletion(CodexLab.TURN_TIMEOUT);
            connection.close(Duration.ofSeconds(2));
            assertThat(lab.provider.canResume(lab.spec("discard", true))).isTrue();
            assertThat(rollouts(lab.home)).hasSize(1);

            lab.provider.discardSessionFiles(lab.spec("discard", false));

            assertThat(lab.provider.canResume(lab.spec("discard", true))).isFalse();
            assertThat(rollouts(lab.home)).isEmpty();
        }
    }

    private static List<Path> rollouts(Path home) throws IOException {
        try (Stream<Path> files = Files.walk(home)) { // wherever the session's own home is
            return files.filter(file -> file.getFileName().toString().startsWith("rollout-")).toList();
        }
    }

    /** A killed process can linger a moment as a zombie until its parent (bwrap's init) reaps it: that is gone. */
    private static boolean notAZombie(ProcessHandle handle) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException gone) {
            return false;
        }
    }
}
