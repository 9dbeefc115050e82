package dev.hotplex.cli;

import dev.hotplex.testkit.anthropic.ClaudeBinaryLocator;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Ctrl-C at odd moments of {@code hotplex run} (a real hotplex JVM, the real Claude Code CLI, a slow fake API): two in
 * a row mid-turn (the second ends hotplex at once, whenever it lands), and one while {@code run -} still waits for its
 * prompt on stdin. Each time: exit code 130, no stack trace, and no agent process left behind.
 */
class RunDoubleInterruptTest {
    private static Path claude;
    private static FakeAnthropicApi api;

    @TempDir
    Path sandbox;

    @BeforeAll
    static void start() {
        assumeFalse(ClaudeBinaryLocator.skipRequested(), "real Claude Code CLI tests skipped");
        claude = ClaudeBinaryLocator.locate();
        api = FakeAnthropicApi.builder().slow(300, Duration.ofMillis(200)).start();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void twoCtrlCsMidTurnExit130LeavingNoProcess() throws Exception {
        HotplexLauncher hotplex = new HotplexLauncher(claude, sandbox, api);
        int requestsBefore = api.requestBodies().size();
        HotplexLauncher.Started run = hotplex.start(Map.of(), "run", "--session", "twice", "please be slow");
        try {
            api.awaitRequestBodies(requestsBefore + 1, Duration.ofSeconds(90));
            List<ProcessHandle> descendants = run.process().descendants().toList();
            assertThat(descendants).as("the agent CLI runs under hotplex").isNotEmpty();

            signal(run.process().pid());
            signal(run.process().pid());

            assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).as("hotplex ends").isTrue();
            assertThat(run.process().exitValue()).as(run.errText()).isEqualTo(130);
            assertThat(run.errText()).doesNotContain("\tat ", "Exception");
            awaitGone(descendants);
        } finally {
            if (run.process().isAlive()) {
                run.kill();
            }
        }
    }

    @Test
    void ctrlCWhileWaitingForThePromptOnStdinExits130() throws Exception {
        HotplexLauncher hotplex = new HotplexLauncher(claude, sandbox, api);
        // stdin that never ends: the writing end stays open in this test until hotplex is gone
        ProcessBuilder builder = new ProcessBuilder(hotplex.command("run", "-"))
                .redirectOutput(Files.createTempFile(sandbox, "out", ".txt").toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().clear();
        builder.environment().putAll(hotplex.environment);
        Process run = builder.start();
        try {
            // the provider's group records dir appears once hotplex is assembled, just before it reads stdin; should
            // the signal land a little earlier, that is an odd moment too, with the same expected outcome
            Path assembled = Path.of(hotplex.environment.get("HOTPLEX_STATE_DIR"), "claude-groups");
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (run.isAlive() && System.nanoTime() < deadline && !Files.isDirectory(assembled)) {
                Thread.sleep(100);
            }
            assertThat(run.isAlive()).as("hotplex waits for its prompt").isTrue();
            signal(run.pid());

            assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("hotplex ends").isTrue();
            String err = new String(run.getErrorStream().readAllBytes());
            assertThat(run.exitValue()).as(err).isEqualTo(130);
            assertThat(err).doesNotContain("\tat ", "Exception");
        } finally {
            run.getOutputStream().close();
            if (run.isAlive()) {
                run.destroyForcibly();
                run.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitGone(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(processes).as("no agent process outlives hotplex").noneMatch(ProcessHandle::isAlive);
    }

    private static void signal(long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
