package dev.hotplex.adapter.cli;

import dev.hotplex.testkit.BlockingContentPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTest {
    @TempDir
    Path temp;

    @Test
    void anAllowedPromptExitsZero() {
        try (CliHarness cli = new CliHarness(temp, new BlockingContentPolicy())) {
            assertThat(cli.run("check", "list the files")).isZero();
            assertThat(cli.out()).contains("✓ allowed");
        }
    }

    @Test
    void aBlockedPromptPrintsTheVerdictAndExitsThree() {
        try (CliHarness cli = new CliHarness(temp, new BlockingContentPolicy())) {
            assertThat(cli.run("check", "please rm -rf / now")).isEqualTo(ExitCodes.BLOCKED);
            assertThat(cli.out()).contains("✗ blocked by " + BlockingContentPolicy.RULE_ID,
                    BlockingContentPolicy.CATEGORY, "reason:", "matched:", "suggestion:");
        }
    }

    @Test
    void theCommandLayerAsksTheToolCallFirewall() {
        BlockingContentPolicy policy = new BlockingContentPolicy();
        try (CliHarness cli = new CliHarness(temp, policy)) {
            assertThat(cli.run("check", "--layer", "command", "rm -rf /")).isEqualTo(ExitCodes.BLOCKED);
            assertThat(cli.out()).contains("the Bash command");
            assertThat(policy.checkedToolCalls()).hasSize(1);
            assertThat(policy.checkedPrompts()).isEmpty();
            assertThat(cli.run("check", "--layer=command", "ls")).isZero();
        }
    }

    @Test
    void jsonlAnswersEveryLineInOrderAndSurvivesBadInput() {
        try (CliHarness cli = new CliHarness(temp, new BlockingContentPolicy())) {
            String input = String.join("\n",
                    "{\"text\": \"hello\", \"id\": 7}",
                    "{\"text\": \"rm -rf / please\"}",
                    "not json at all",
                    "[1, 2]",
                    "\"just a string\"",
                    "{\"text\": 42}",
                    "{\"other\": \"x\"}",
                    "{\"text\": null}",
                    "",
                    "{\"text\": \"" + "a".repeat(CheckCommand.MAX_LINE_CHARS + 10) + "\"}",
                    "{\"text\": \"unterminated",
                    "{\"text\": \"last\"}");

            int exit = cli.stdin(input).run("check", "--jsonl");

            assertThat(exit).isZero();
            assertThat(cli.out().lines().toList()).satisfiesExactly(
                    line -> assertThat(line).isEqualTo(
                            "{\"blocked\":false,\"rule\":null,\"category\":null,\"severity\":null,\"reason\":null}"),
                    line -> assertThat(line).startsWith("{\"blocked\":true,\"rule\":\"" + BlockingContentPolicy.RULE_ID
                            + "\",\"category\":\"" + BlockingContentPolicy.CATEGORY + "\",\"severity\":"),
                    line -> assertThat(line).startsWith("{\"error\":\"invalid JSON"),
                    line -> assertThat(line).startsWith("{\"error\":\"expected a JSON object"),
                    line -> assertThat(line).startsWith("{\"error\":\"expected a JSON object"),
                    line -> assertThat(line).isEqualTo("{\"error\":\"\\\"text\\\" must be a string, got number\"}"),
                    line -> assertThat(line).isEqualTo("{\"error\":\"missing \\\"text\\\"\"}"),
                    line -> assertThat(line).isEqualTo("{\"error\":\"missing \\\"text\\\"\"}"),
                    line -> assertThat(line).startsWith("{\"error\":\"empty line"),
                    line -> assertThat(line).startsWith("{\"error\":\"line too long"),
                    line -> assertThat(line).startsWith("{\"error\":\"invalid JSON"),
                    line -> assertThat(line).startsWith("{\"blocked\":false"));
            assertThat(cli.err()).isEmpty();
        }
    }

    @Test
    void jsonlWithTheCommandLayer() {
        try (CliHarness cli = new CliHarness(temp, new BlockingContentPolicy())) {
            assertThat(cli.stdin("{\"text\":\"rm -rf /\"}\r\n{\"text\":\"ls\"}").run("check", "--layer", "command",
                    "--jsonl")).isZero();
            assertThat(cli.out().lines().toList()).hasSize(2).satisfiesExactly(
                    line -> assertThat(line).startsWith("{\"blocked\":true"),
                    line -> assertThat(line).startsWith("{\"blocked\":false"));
        }
    }

    @Test
    void usageErrorsExitTwo() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.run("check")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err()).contains("give either TEXT or --jsonl");
            assertThat(cli.run("check", "--jsonl", "text too")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.run("check", "--layer", "nonsense", "x")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err()).contains("prompt, command");
            assertThat(cli.run("check", "a", "b")).isEqualTo(ExitCodes.USAGE);
        }
    }
}
