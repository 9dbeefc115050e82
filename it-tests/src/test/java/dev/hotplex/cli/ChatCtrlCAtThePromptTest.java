package dev.hotplex.cli;

import dev.hotplex.testkit.anthropic.ClaudeBinaryLocator;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code hotplex chat} in a real terminal (tmux), the real Claude Code CLI hot after a turn: Ctrl-C at the prompt
 * leaves with exit code 0 and takes the hot agent process with it; no stack trace on the screen.
 */
class ChatCtrlCAtThePromptTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Path claude;
    private static FakeAnthropicApi api;

    @TempDir
    Path sandbox;

    @BeforeAll
    static void start() {
        assumeTrue(Tmux.available(), "tmux is not installed");
        assumeFalse(ClaudeBinaryLocator.skipRequested(), "real Claude Code CLI tests skipped");
        claude = ClaudeBinaryLocator.locate();
        api = FakeAnthropicApi.start();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void ctrlCAtThePromptLeavesAndTheHotProcessGoesToo() throws Exception {
        HotplexLauncher hotplex = new HotplexLauncher(claude, sandbox, api);
        try (Tmux terminal = new Tmux(hotplex.command("chat", "--session", "tty-leave"), hotplex.environment, sandbox,
                110, 30, "hotplex-chat-leave.sh")) {
            terminal.awaitScreen("you> ", 1, WAIT);
            terminal.typeLine("first ping");
            terminal.awaitScreen("pong: first ping", 1, WAIT);
            terminal.awaitScreen("you> ", 2, WAIT);
            // the hotplex JVM tmux started (not a child of this JVM): found by its arguments
            ProcessHandle chat = ProcessHandle.allProcesses()
                    .filter(process -> commandLine(process).contains("dev.hotplex.app.HotplexMain\0chat\0--session\0"
                            + "tty-leave"))
                    .findFirst().orElseThrow(() -> new AssertionError("no hotplex chat process"));
            java.util.List<ProcessHandle> agent = chat.descendants().toList();
            assertThat(agent).as("the agent stays hot between turns").isNotEmpty();

            terminal.press("C-c");

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!terminal.ended() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String screen = terminal.screen();
            assertThat(terminal.ended()).as(screen).isTrue();
            assertThat(terminal.exitStatus()).as(screen).isEqualTo("0");
            assertThat(screen).doesNotContain("Exception", "\tat ");
            while (agent.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(agent).as("no agent process outlives the chat").noneMatch(ProcessHandle::isAlive);
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
