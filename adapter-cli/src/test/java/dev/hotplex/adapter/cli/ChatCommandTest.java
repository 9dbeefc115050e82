package dev.hotplex.adapter.cli;

import dev.hotplex.core.model.SessionId;
import dev.hotplex.testkit.ToolCalls;
import dev.hotplex.testkit.TurnScript;
import dev.hotplex.testkit.TurnStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ChatCommandTest {
    @TempDir
    Path temp;

    @Test
    void everyLineIsATurnOfTheSameSessionOnOneProcess() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.terminals.type("hello", "", "again", "/stats").ctrlD();

            assertThat(cli.run("chat", "--session", "c1", "--history", temp.resolve("h").toString())).isZero();

            assertThat(cli.provider.openCount()).isEqualTo(1);
            assertThat(cli.terminals.screen()).contains("session c1", "echo: hello", "echo: again",
                    "session c1: 2 turns, 0 errors");
            assertThat(cli.terminals.openedHistory).isEqualTo(temp.resolve("h"));
            assertThat(cli.terminals.closed).isTrue();
        }
    }

    @Test
    void ctrlCDuringATurnInterruptsItAndTheChatGoesOn() throws Exception {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.provider.script("slow", TurnScript.hang());
            cli.terminals.type("slow one");
            CompletableFuture<Integer> chat = CompletableFuture.supplyAsync(() -> cli.run("chat"));

            cli.provider.awaitTurnsStarted(1, Duration.ofSeconds(5));
            waitUntil(cli.terminals::turnRunning);
            assertThat(cli.terminals.ctrlC()).isTrue();
            waitUntil(() -> !cli.terminals.turnRunning());
            cli.terminals.type("quick one", "/quit");

            assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(cli.terminals.screen()).contains("interrupting the turn", "INTERRUPTED", "echo: quick one");
            assertThat(cli.provider.openCount()).isEqualTo(1);
        }
    }

    @Test
    void permissionRequestsAreAnsweredWithAllowAndDeny() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.provider.script("touch", TurnScript.of(
                    TurnStep.toolWithPermission("req-1", ToolCalls.bash("t1", "touch a"), "made a"),
                    TurnStep.answer("touched")));
            cli.provider.script("remove", TurnScript.of(
                    TurnStep.toolWithPermission("req-2", ToolCalls.bash("t2", "rm a"), "removed"),
                    TurnStep.answer("removed it")));
            cli.terminals.type("touch it", "/allow", "remove it", "/deny not today", "/allow").ctrlD();

            assertThat(cli.run("chat")).isZero();

            String screen = cli.terminals.screen();
            assertThat(screen).contains("? Bash touch a asks for permission (request req-1)", "allowed req-1", "touched",
                    "? Bash rm a asks for permission (request req-2)", "denied req-2",
                    "no permission request is pending");
            assertThat(cli.provider.connections().getFirst().permissionAnswers())
                    .extracting(answer -> answer.requestId() + "=" + answer.decision().allow())
                    .containsExactly("req-1=true", "req-2=false");
        }
    }

    @Test
    void slashCommandsManageTheSession() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.terminals.type("/stats", "hi", "/reset", "/stop", "hi again", "/help", "/nope").ctrlD();

            assertThat(cli.run("chat", "--session", "s2")).isZero();

            String screen = cli.terminals.screen();
            assertThat(screen).contains("no turns yet in session s2", "session reset",
                    "session stopped", "/deny [requestId] [why]", "unknown command /nope");
            assertThat(cli.provider.openCount()).isEqualTo(2);
            assertThat(cli.engine.sessionStats(SessionId.of("s2"))).hasValueSatisfying(stats -> assertThat(stats.turns()).isEqualTo(2));
        }
    }

    @Test
    void aBadSessionIdIsAUsageError() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.run("chat", "--session", "no spaces allowed")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.terminals.openedHistory).isNull();
            assertThat(cli.run("chat", "extra")).isEqualTo(ExitCodes.USAGE);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting");
            }
            Thread.onSpinWait();
        }
    }
}
