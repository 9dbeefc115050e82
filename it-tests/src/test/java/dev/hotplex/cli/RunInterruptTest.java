package dev.hotplex.cli;

import dev.hotplex.testkit.anthropic.ClaudeBinaryLocator;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Ctrl-C during {@code hotplex run}: a separate hotplex JVM runs a slow turn of the real Claude Code CLI (against the
 * fake API), gets a real SIGINT, ends the turn as interrupted with exit code 130, and leaves no process behind.
 */
class RunInterruptTest {
    private static Path claude;
    private static FakeAnthropicApi api;

    @TempDir
    Path sandbox;

    @BeforeAll
    static void start() {
        assumeFalse(ClaudeBinaryLocator.skipRequested(), "real Claude Code CLI tests skipped");
        claude = ClaudeBinaryLocator.locate();
        // a reply that streams for a minute: long enough that only Ctrl-C can end the turn within the test
        api = FakeAnthropicApi.builder().slow(300, Duration.ofMillis(200)).start();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void theFirstCtrlCInterruptsTheTurnAndExitsWith130LeavingNoProcess() throws Exception {
        HotplexLauncher hotplex = new HotplexLauncher(claude, sandbox, api);
        int requestsBefore = api.requestBodies().size();
        HotplexLauncher.Started run = hotplex.start(Map.of(), "run", "--session", "int1", "please be slow");
        try {
            api.awaitRequestBodies(requestsBefore + 1, Duration.ofSeconds(90));
            // the turn is streaming: the agent CLI is a descendant of the hotplex JVM
            List<ProcessHandle> descendants = run.process().descendants().toList();
            assertThat(descendants).as("the agent CLI runs under hotplex").isNotEmpty();
            assertThat(run.process().isAlive()).isTrue();

            signal("-INT", run.process().pid());

            assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).as("hotplex ends after Ctrl-C").isTrue();
            assertThat(run.process().exitValue()).as(run.errText()).isEqualTo(130);
            assertThat(run.errText()).contains("interrupted (Ctrl-C)");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (descendants.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(descendants).as("no agent process outlives hotplex").noneMatch(ProcessHandle::isAlive);
        } finally {
            if (run.process().isAlive()) {
                run.kill();
            }
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
