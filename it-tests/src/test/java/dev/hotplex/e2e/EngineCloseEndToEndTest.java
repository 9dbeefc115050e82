package dev.hotplex.e2e;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.testkit.BlockingContentPolicy;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.hotplex.e2e.RealClaude.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code engine.close()} over the real Claude Code CLI: running and idle sessions alike leave no process behind. */
class EngineCloseEndToEndTest {
    private static final System.Logger LOG = System.getLogger(EngineCloseEndToEndTest.class.getName());
    @TempDir
    Path sandbox;

    @Test
    void closingTheEngineLeavesNoClaudeProcess() throws Exception {
        Path binary = RealClaude.requireBinary();
        try (FakeAnthropicApi api = FakeAnthropicApi.builder().slow(100, Duration.ofMillis(100)).start()) {
            RealClaude claude = RealClaude.start(binary, sandbox, api, new BlockingContentPolicy());
            try {
                RecordingEventSink idleSink = new RecordingEventSink();
                TurnResult idle = claude.engine.execute(SessionConfig.of("idle"), "hello idle", idleSink);
                assertThat(idle.outcome()).as("%s", idle.error()).isEqualTo(TurnOutcome.SUCCESS);

                RecordingEventSink busySink = new RecordingEventSink();
                CompletableFuture<TurnResult> busy = claude.engine.submit(SessionConfig.of("busy"), "slow busy", busySink);
                busySink.awaitEvent(event -> event instanceof AgentEvent.Answer answer && answer.delta(), WAIT);
                List<Long> pids = new ArrayList<>();
                for (RecordingEventSink sink : List.of(idleSink, busySink)) {
                    pids.add(sink.awaitEvent(AgentEvent.SessionStart.class, WAIT).pid().orElseThrow());
                }
                assertThat(pids).allSatisfy(pid -> assertThat(ProcessGroups.liveMembers(pid)).contains(pid));

                long closing = System.nanoTime();
                claude.engine.close();
                long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);

                LOG.log(System.Logger.Level.INFO, "engine.close() with one busy and one idle session: {0} ms", closeMs);
                TurnResult ended = busy.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(ended.outcome()).as("the running turn was ended").isNotEqualTo(TurnOutcome.SUCCESS);
                assertThat(busySink.terminalEvent()).get().isInstanceOf(AgentEvent.ErrorEvent.class);
                assertThat(pids).allSatisfy(pid ->
                        assertThat(ProcessGroups.liveMembers(pid)).as("members of group %d", pid).isEmpty());
                assertThat(claudesWorkingIn(claude.binary, claude.workspace)).as("claude processes in our workspace").isEmpty();
                assertThat(claude.provider.liveProcessGroups()).isEmpty();
                assertThat(closeMs).as("close returns within the stop grace and a margin").isLessThan(WAIT.toMillis());
                assertThatThrownBy(() -> claude.engine.execute(SessionConfig.of("late"), "too late", new RecordingEventSink()))
                        .isInstanceOfSatisfying(HotplexException.class,
                                e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.ENGINE_CLOSED));
            } finally {
                claude.close(); // engine.close() again (idempotent), then provider.close()
            }
            assertThat(claude.provider.liveProcessGroups()).isEmpty();
        }
    }

    /** Live processes running {@code binary} whose working directory lies in {@code workspace}. */
    private static List<Long> claudesWorkingIn(Path binary, Path workspace) throws IOException {
        Path realBinary = binary.toRealPath();
        Path realWorkspace = workspace.toRealPath();
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    Path exe = Files.readSymbolicLink(entry.resolve("exe"));
                    Path cwd = Files.readSymbolicLink(entry.resolve("cwd"));
                    // a zombie has no readable exe link, so whatever is found here still runs
                    if (exe.equals(realBinary) && cwd.startsWith(realWorkspace)) {
                        found.add(Long.parseLong(name));
                    }
                } catch (IOException gone) {
                    // exited while listing, or a kernel thread without exe
                }
            }
        }
        return found;
    }
}
