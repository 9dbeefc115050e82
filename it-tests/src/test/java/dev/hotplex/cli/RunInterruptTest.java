package dev.hotplex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C during {@code hotplex run}: a separate hotplex JVM runs a slow turn of the real Claude Code CLI (against the
 * fake API), gets a real SIGINT, ends the turn as interrupted with exit code 130, and leaves no process behind.
 */
class RunInterruptTest {
    @RegisterExtension
    static final RealClaudeCli CLI = RealClaudeCli.againstAMinuteLongReply();

    @TempDir
    Path sandbox;

    @Test
    void theFirstCtrlCInterruptsTheTurnAndExitsWith130LeavingNoProcess() throws Exception {
        try (HotplexLauncher.Started run = CLI.startTurn(sandbox, "int1", "please be slow")) {
            // the turn is streaming: the agent CLI is a descendant of the hotplex JVM
            AgentProcesses agent = run.agentProcesses();
            assertThat(agent.processes()).as("the agent CLI runs under hotplex").isNotEmpty();
            assertThat(run.process().isAlive()).isTrue();

            run.interrupt();

            assertThat(run.awaitEnd(Duration.ofSeconds(60))).as("hotplex ends after Ctrl-C").isTrue();
            assertThat(run.process().exitValue()).as(run.errText()).isEqualTo(130);
            assertThat(run.errText()).contains("interrupted (Ctrl-C)");
            assertThat(agent.awaitAllGone(Duration.ofSeconds(20))).as("no agent process outlives hotplex").isTrue();
        }
    }
}
