package dev.hotplex.provider.process;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.testkit.ProcessGroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real process groups started through setsid and ended as a whole. */
class TestChildProcess {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofMillis(1000);
    /** What killing and reaping may add to a grace period on a busy 2-core machine. */
    private static final Duration EPSILON = Duration.ofMillis(1500);
    /** A group whose leader and grandchild both ignore SIGTERM, and the leader also the end of stdin. */
    private static final String STUBBORN_GROUP = "trap '' TERM; (exec sleep 1000) & echo started $!; "
            + "while true; do sleep 0.1; done";

    @TempDir
    Path dir;
    private LiveProcessRegistry registry;
    private ProcessLauncher launcher;

    @BeforeEach
    void setUp() {
        registry = new LiveProcessRegistry(GRACE);
        launcher = new ProcessLauncher(registry);
    }

    @AfterEach
    void tearDown() {
        registry.close();
        assertThat(registry.liveGroups()).isEmpty();
    }

    @Test
    void leadsANewProcessGroupAndReportsLinesExitCodeAndStderr() throws Exception {
        ChildProcess child = bash(launcher, "read x; echo out-$x; echo err-$x >&2; echo second; exit 4");
        RecordingLineHandler output = new RecordingLineHandler();
        child.readStdout(output);

        assertThat(ProcessGroups.groupOf(child.pid())).contains(child.pid());
        assertThat(ProcessGroups.groupOf(ProcessHandle.current().pid())).isNotEqualTo(Optional.of(child.pid()));
        assertThat(registry.liveGroups()).containsExactly(child.pid());
        child.send("1\n").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        ExitStatus status = output.awaitEnd(WAIT);
        assertThat(output.lines()).containsExactly("out-1", "second");
        assertThat(status.code()).isEqualTo(4);
        assertThat(status.stderrTail()).isEqualTo("err-1");
        assertThat(status.stopReason()).isEmpty();
        assertThat(child.groupGone().get(WAIT.toMillis(), TimeUnit.MILLISECONDS).empty()).isTrue();
        assertThat(registry.liveGroups()).isEmpty();
    }

    @Test
    void writesStdinInOrderAndStopsPolitelyByClosingIt() throws Exception {
        ChildProcess child = bash(launcher, "exec cat");
        RecordingLineHandler output = new RecordingLineHandler();
        child.readStdout(output);
        List<String> lines = IntStream.range(0, 200).mapToObj(i -> "line " + i + " " + "x".repeat(i * 50)).toList();
        lines.forEach(line -> child.send(line + "\n"));
        for (String line : lines) {
            assertThat(output.nextLine(WAIT)).isEqualTo(line);
        }

        GroupTermination termination = child.terminate(Duration.ofSeconds(5), Optional.of("test over"));

        assertThat(termination.empty()).isTrue();
        assertThat(termination.signalled()).as("cat ends at the end of its stdin").isFalse();
        assertThat(termination.took()).isLessThan(Duration.ofSeconds(2));
        assertThat(output.awaitEnd(WAIT).code()).isZero();
    }

    @Test
    void endsAWholeGroupThatIgnoresSigtermWithinTheGracePlusEpsilon() throws Exception {
        ChildProcess child = bash(launcher, STUBBORN_GROUP);
        RecordingLineHandler output = new RecordingLineHandler();
        child.readStdout(output);
        long grandchild = Long.parseLong(output.nextLine(WAIT).substring("started ".length()));
        assertThat(ProcessGroups.groupOf(grandchild)).contains(child.pid());

        long start = System.nanoTime();
        GroupTermination termination = child.terminate(GRACE, Optional.of("test over"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(termination.empty()).isTrue();
        assertThat(termination.killed()).isTrue();
        assertThat(took).isBetween(GRACE.minusMillis(50), GRACE.plus(EPSILON));
        assertThat(ProcessGroups.liveMembers(child.pid())).isEmpty();
        assertThat(ProcessGroups.isAlive(grandchild)).isFalse();
        ExitStatus status = output.awaitEnd(WAIT);
        assertThat(status.describeCode()).isEqualTo("exit code 137 (signal 9)");
        assertThat(status.stopReason()).contains("test over");
    }

    @Test
    void whenTheLeaderExitsItsLeftoverGroupIsEndedSoStdoutEnds() throws Exception {
        ChildProcess child = bash(launcher, "(trap '' TERM; exec sleep 1000) & echo $!; exit 6");
        RecordingLineHandler output = new RecordingLineHandler();
        child.readStdout(output);
        long grandchild = Long.parseLong(output.nextLine(WAIT));

        ExitStatus status = output.awaitEnd(ChildProcess.ORPHAN_GRACE.plus(WAIT));

        assertThat(status.code()).isEqualTo(6);
        assertThat(status.stopReason()).isEmpty();
        assertThat(ProcessGroups.isAlive(grandchild)).isFalse();
        assertThat(ProcessGroups.liveMembers(child.pid())).isEmpty();
    }

    @Test
    void withoutAKillCommandMembersAreSignalledOneByOne() throws Exception {
        ProcessLauncher fallback = new ProcessLauncher(registry, Sandbox.none(),
                new ProcessGroupKiller(ProcessTable.system(), Optional.empty()), List.of("/usr/bin/setsid"),
                Optional.empty());
        ChildProcess child = bash(fallback, STUBBORN_GROUP);
        RecordingLineHandler output = new RecordingLineHandler();
        child.readStdout(output);
        output.nextLine(WAIT);

        GroupTermination termination = child.terminate(Duration.ofMillis(300), Optional.of("test over"));

        assertThat(termination.empty()).isTrue();
        assertThat(termination.killed()).isTrue();
        assertThat(ProcessGroups.liveMembers(child.pid())).isEmpty();
    }

    @Test
    void aStderrFloodIsDrainedSoStdoutKeepsFlowing() throws Exception {
        ChildProcess child = bash(launcher, "head -c 8000000 /dev/zero | tr '\\0' e >&2; echo done; echo tail >&2");
        RecordingLineHandler output = new RecordingLineHandler();
        child.readStdout(output);

        assertThat(output.nextLine(WAIT)).isEqualTo("done");
        ExitStatus status = output.awaitEnd(WAIT);
        assertThat(status.stderrTail()).endsWith("eeetail").hasSizeLessThanOrEqualTo(1024 + 3);
    }

    @Test
    void closingTheRegistryEndsEveryGroupAndRefusesNewOnes() throws Exception {
        ChildProcess first = bash(launcher, STUBBORN_GROUP);
        ChildProcess second = bash(launcher, "exec sleep 1000");
        RecordingLineHandler firstOutput = new RecordingLineHandler();
        first.readStdout(firstOutput);
        long grandchild = Long.parseLong(firstOutput.nextLine(WAIT).substring("started ".length()));

        registry.close();

        assertThat(registry.liveGroups()).isEmpty();
        assertThat(ProcessGroups.liveMembers(first.pid())).isEmpty();
        assertThat(ProcessGroups.liveMembers(second.pid())).isEmpty();
        assertThat(ProcessGroups.isAlive(grandchild)).isFalse();
        assertThat(firstOutput.awaitEnd(WAIT).stopReason()).contains("the provider is closing");
        assertThatThrownBy(() -> bash(launcher, "true")).isInstanceOfSatisfying(HotplexException.class,
                e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.PROCESS_START_FAILED));
    }

    @Test
    void aMissingSetsidOrWorkDirFailsTheLaunchWithAClearReason() {
        ProcessLauncher withoutSetsid = new ProcessLauncher(registry, Sandbox.none(), ProcessGroupKiller.system(),
                List.of("/nonexistent/setsid"), Optional.empty());

        assertThatThrownBy(() -> bash(withoutSetsid, "true")).isInstanceOfSatisfying(HotplexException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(StandardErrorCode.PROCESS_START_FAILED);
            assertThat(e.getMessage()).contains("setsid was not found");
        });
        assertThatThrownBy(() -> launcher.launch(new LaunchRequest(List.of("/bin/true"), dir.resolve("missing"),
                Map.of(), 1024, 1024))).isInstanceOfSatisfying(HotplexException.class,
                e -> assertThat(e.getMessage()).contains("does not exist"));
    }

    private ChildProcess bash(ProcessLauncher with, String script) {
        return with.launch(new LaunchRequest(List.of("/bin/bash", "-c", script), dir,
                Map.of("PATH", System.getenv("PATH")), 1024 * 1024, 1024));
    }
}
