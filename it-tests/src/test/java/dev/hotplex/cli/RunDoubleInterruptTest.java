package dev.hotplex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C at odd moments of {@code hotplex run} (a real hotplex JVM, the real Claude Code CLI, a slow fake API): two in
 * a row mid-turn (the second ends hotplex at once, whenever it lands), and one while {@code run -} still waits for its
 * prompt on stdin. Each time: exit code 130, no stack trace, and no agent process left behind.
 */
class RunDoubleInterruptTest {
    @RegisterExtension
    static final RealClaudeCli CLI = RealClaudeCli.againstAMinuteLongReply();

    @TempDir
    Path sandbox;

    @Test
    void twoCtrlCsMidTurnExit130LeavingNoProcess() throws Exception {
        try (HotplexLauncher.Started run = CLI.startTurn(sandbox, "twice", "please be slow")) {
            AgentProcesses agent = run.agentProcesses();
            assertThat(agent.processes()).as("the agent CLI runs under hotplex").isNotEmpty();

            run.interrupt();
            run.interrupt();

            assertThat(run.awaitEnd(Duration.ofSeconds(60))).as("hotplex ends").isTrue();
            assertThat(run.process().exitValue()).as(run.errText()).isEqualTo(130);
            assertThat(run.errText()).doesNotContain("\tat ", "Exception");
            assertThat(agent.awaitAllGone(Duration.ofSeconds(20))).as("no agent process outlives hotplex").isTrue();
        }
    }

    @Test
    void ctrlCWhileWaitingForThePromptOnStdinExits130() throws Exception {
        HotplexLauncher hotplex = CLI.hotplex(sandbox);
        // stdin that never ends: the writing end stays open in this test until hotplex is gone
        try (HotplexLauncher.Started run = hotplex.startWithOpenStdin("run", "-")) {
            // the provider's group records dir appears once hotplex is assembled, just before it reads stdin; should
            // the signal land a little earlier, that is an odd moment too, with the same expected outcome
            Path assembled = hotplex.stateDir.resolve("claude-groups");
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (run.process().isAlive() && System.nanoTime() < deadline && !Files.isDirectory(assembled)) {
                Thread.sleep(100);
            }
            assertThat(run.process().isAlive()).as("hotplex waits for its prompt").isTrue();
            run.interrupt();

            assertThat(run.awaitEnd(Duration.ofSeconds(60))).as("hotplex ends").isTrue();
            assertThat(run.process().exitValue()).as(run.errText()).isEqualTo(130);
            assertThat(run.errText()).doesNotContain("\tat ", "Exception");
        }
    }
}
