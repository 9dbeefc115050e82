package dev.hotplex.cli;

import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hotplex chat} in a real terminal (tmux), the real Claude Code CLI hot after a turn: Ctrl-C at the prompt
 * leaves with exit code 0 and takes the hot agent process with it; no stack trace on the screen.
 */
class ChatCtrlCAtThePromptTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final RealClaudeCli CLI = RealClaudeCli.against(FakeAnthropicApi::start).inTmux();

    @TempDir
    Path sandbox;

    @Test
    void ctrlCAtThePromptLeavesAndTheHotProcessGoesToo() throws Exception {
        try (Tmux terminal = CLI.hotplex(sandbox).inTerminal("hotplex-chat-leave.sh", 110, 30, "chat", "--session",
                "tty-leave")) {
            terminal.awaitScreen("you> ", 1, WAIT);
            terminal.typeLine("first ping");
            terminal.awaitScreen("pong: first ping", 1, WAIT);
            terminal.awaitScreen("you> ", 2, WAIT);
            // the hotplex JVM tmux started (not a child of this JVM): found by its arguments
            ProcessHandle chat = ProcessHandle.allProcesses()
                    .filter(process -> commandLine(process).contains("dev.hotplex.app.HotplexMain\0chat\0--session\0"
                            + "tty-leave"))
                    .findFirst().orElseThrow(() -> new AssertionError("no hotplex chat process"));
            AgentProcesses agent = AgentProcesses.under(chat);
            assertThat(agent.processes()).as("the agent stays hot between turns").isNotEmpty();

            terminal.press("C-c");

            boolean ended = terminal.awaitEnded(WAIT);
            String screen = terminal.screen();
            assertThat(ended).as(screen).isTrue();
            assertThat(terminal.exitStatus()).as(screen).isEqualTo("0");
            assertThat(screen).doesNotContain("Exception", "\tat ");
            assertThat(agent.awaitAllGone(WAIT)).as("no agent process outlives the chat").isTrue();
        }
    }

    /** The process's arguments, NUL-separated, as the kernel has them (the JDK's view may be cut short). */
    private static String commandLine(ProcessHandle process) {
        try {
            return new String(java.nio.file.Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()),
                    "cmdline")), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | RuntimeException e) {
            return ""; // gone, or not ours to read
        }
    }
}
