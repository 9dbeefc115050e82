package dev.hotplex.cli;

import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hotplex chat} driven through a real pseudo-terminal (tmux), as a person would use it: the real hotplex
 * process, the real Claude Code CLI, the fake Anthropic API. Two turns on one agent process, Ctrl-C interrupting a
 * slow turn, /stats, and Ctrl-D leaving with exit 0.
 */
class ChatInTerminalTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    // slow enough that Ctrl-C surely lands mid-turn
    @RegisterExtension
    static final RealClaudeCli CLI = RealClaudeCli.against(
            () -> FakeAnthropicApi.builder().slow(100, Duration.ofMillis(300)).start()).inTmux();

    @TempDir
    Path sandbox;

    @Test
    void runOnATerminalShowsTheWaitAndDimsThinking() throws Exception {
        try (Tmux terminal = CLI.hotplex(sandbox).inTerminal("hotplex-run.sh", 110, 30, "run", "--session", "tty-run",
                "think about it")) {
            terminal.awaitScreen("… waiting", 1, WAIT); // the cold start takes over a second with no output
            terminal.awaitEnded(WAIT);
            assertThat(terminal.exitStatus()).as(terminal.screen()).isEqualTo("0");
            assertThat(terminal.screen()).contains("thought it through", " ms · ").doesNotContain("… waiting");
            assertThat(terminal.screenWithStyles()).contains("\u001b[2m");
        }
    }

    @Test
    void aConversationInATerminal() throws Exception {
        HotplexLauncher hotplex = CLI.hotplex(sandbox);
        try (Tmux terminal = hotplex.inTerminal("hotplex-tty.sh", 110, 45, "chat", "--session", "tty")) {
            terminal.awaitScreen("you> ", 1, WAIT);

            terminal.typeLine("first ping");
            terminal.awaitScreen("pong: first ping", 1, WAIT);
            terminal.awaitScreen("you> ", 2, WAIT);

            terminal.typeLine("second ping");
            terminal.awaitScreen("pong: second ping", 1, WAIT);
            terminal.awaitScreen("you> ", 3, WAIT);
            assertThat(CLI.api().requestBodies()).hasSizeGreaterThanOrEqualTo(2);
            // the second turn went to the same process: its request carries the first turn as history
            assertThat(CLI.api().requestBodies().getLast()).contains("first ping", "second ping");

            terminal.typeLine("be slow please");
            terminal.awaitScreen("you> be slow please", 1, WAIT);
            CLI.api().awaitRequestBodies(3, WAIT);
            Thread.sleep(1500);
            terminal.press("C-c");
            terminal.awaitScreen("interrupting the turn", 1, WAIT);
            terminal.awaitScreen("INTERRUPTED", 1, WAIT);
            terminal.awaitScreen("you> ", 4, WAIT);

            terminal.typeLine("/stats");
            String screen = terminal.awaitScreen("session tty: 3 turns", 1, WAIT);
            terminal.awaitScreen("you> ", 5, WAIT);

            terminal.press("C-d");
            boolean ended = terminal.awaitEnded(WAIT);
            screen = terminal.screen();
            System.out.println("---- hotplex chat, as the terminal showed it ----\n" + screen.stripTrailing()
                    + "\n---- end of screen ----");
            assertThat(ended).as(screen).isTrue();
            assertThat(terminal.exitStatus()).isEqualTo("0");
            assertThat(Files.readString(hotplex.home.resolve(".hotplex/chat_history")))
                    .contains("first ping", "second ping", "/stats");
        }
    }
}
