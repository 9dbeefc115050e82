package dev.hotplex.provider.codex;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.TurnInput;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.RecordingTurnListener;
import dev.hotplex.testkit.openai.FakeOpenAiApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Turns, interrupted turns, a crashed process and closes mid-turn, several times over on the real Codex CLI:
 * afterwards the JVM holds no more file descriptors or platform threads than before (beyond a small slack for
 * JDK-internal pools), and no process group is left.
 */
class TestCodexProviderResourceLeaks {
    private static final int ROUNDS = 2;

    @TempDir
    Path root;

    @Test
    void faults_leave_no_file_descriptors_threads_or_processes_behind() throws Exception {
        try (CodexLab lab = CodexLab.start(root, FakeOpenAiApi.builder().slow(100, Duration.ofMillis(100)),
                "read-only", "never")) {
            runFaults(lab, 1); // warm up JDK-internal pools (process reaper, HTTP server threads)
            long fdsBefore = openFileDescriptors();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

            runFaults(lab, ROUNDS);

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((openFileDescriptors() > fdsBefore + 4
                    || ManagementFactory.getThreadMXBean().getThreadCount() > threadsBefore + 4)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50); // pump threads end asynchronously after their process is reaped
            }
            assertThat(openFileDescriptors()).isLessThanOrEqualTo(fdsBefore + 4);
            assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(threadsBefore + 4);
            assertThat(lab.provider.liveProcessGroups()).isEmpty();
        }
    }

    private static void runFaults(CodexLab lab, int rounds) {
        for (int round = 0; round < rounds; round++) {
            String session = "leak-" + round + "-" + System.nanoTime();
            // a whole turn
            AgentConnection connection = lab.provider.open(lab.spec(session, false));
            RecordingTurnListener done = new RecordingTurnListener();
            connection.startTurn(new TurnInput("t1", "hello"), done);
            done.awaitCompletion(CodexLab.TURN_TIMEOUT);
            // an interrupted turn
            RecordingTurnListener interrupted = new RecordingTurnListener();
            connection.startTurn(new TurnInput("t2", "be slow"), interrupted);
            interrupted.awaitEvent(AgentEvent.Answer.class, CodexLab.TURN_TIMEOUT);
            connection.interrupt();
            interrupted.awaitCompletion(CodexLab.TURN_TIMEOUT);
            // killed from outside mid-turn
            RecordingTurnListener crashed = new RecordingTurnListener();
            connection.startTurn(new TurnInput("t3", "be slow again"), crashed);
            crashed.awaitEvent(AgentEvent.Answer.class, CodexLab.TURN_TIMEOUT);
            ProcessHandle.of(connection.pid().getAsLong()).ifPresent(ProcessHandle::destroyForcibly);
            crashed.awaitCompletion(CodexLab.TURN_TIMEOUT);
            connection.close(Duration.ofMillis(500));
            // resumed, then closed mid-turn
            AgentConnection resumed = lab.provider.open(lab.spec(session, true));
            RecordingTurnListener closed = new RecordingTurnListener();
            resumed.startTurn(new TurnInput("t4", "slow once more"), closed);
            closed.awaitEvent(AgentEvent.Answer.class, CodexLab.TURN_TIMEOUT);
            resumed.close(Duration.ofMillis(500));
            closed.awaitCompletion(CodexLab.TURN_TIMEOUT);
            try {
                resumed.startTurn(new TurnInput("t5", "after close"), new RecordingTurnListener());
                throw new AssertionError("a closed connection took a turn");
            } catch (HotplexException expected) {
                // PROCESS_DIED: the connection is gone
            }
        }
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
