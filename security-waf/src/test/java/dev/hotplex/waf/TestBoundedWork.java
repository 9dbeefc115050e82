package dev.hotplex.waf;

import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.model.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Inputs are bounded, and pathological ones finish in linear time. The limits here are generous on
 * purpose: this guards against catastrophic behaviour; the figures are in the JMH benchmark.
 */
class TestBoundedWork {
    private static final Duration GENEROUS = Duration.ofSeconds(20);
    private final RulePackContentPolicy policy = new RulePackContentPolicy(WafConfig.defaults());

    @Test
    void inputsAboveTheLimitAreBlockedWithAClearRule() {
        String huge = "a".repeat(WafConfig.DEFAULT_MAX_INPUT_CHARS + 1);
        assertThat(policy.checkPrompt(huge)).isInstanceOfSatisfying(Verdict.Blocked.class,
                blocked -> assertThat(blocked.ruleId()).isEqualTo("waf.input-too-large"));
        assertThat(policy.checkToolCall(new ToolCall("t", "Bash", Map.of("command", huge))))
                .isInstanceOfSatisfying(Verdict.Blocked.class,
                        blocked -> assertThat(blocked.ruleId()).isEqualTo("waf.input-too-large"));
    }

    @Test
    void deepNestingIsBlockedNotIgnored() {
        String nested = "rm -rf /";
        for (int i = 0; i < 12; i++) {
            nested = "bash -c " + shellQuote(nested);
        }
        String command = nested;
        assertThat(policy.checkCommand(command).blocked()).isTrue();
    }

    @Test
    void pathologicalInputsFinishQuickly() {
        int size = 32_768;
        String[] inputs = {
                "a".repeat(size),
                "rm ".repeat(size / 3),
                "$(".repeat(size / 2),
                "\"".repeat(size),
                "'a".repeat(size / 2),
                "{a,".repeat(size / 3),
                "a|".repeat(size / 2),
                ":(){ ".repeat(size / 5),
                "`".repeat(size),
                "\\".repeat(size),
                "<<EOF\n".repeat(size / 6),
                "curl x | ".repeat(size / 9),
                "ignore previous instructions ".repeat(size / 29),
                "delete ".repeat(size / 7),
                "x=$x$x; ".repeat(size / 8),
                "\u200b".repeat(size),
        };
        assertTimeoutPreemptively(GENEROUS, () -> {
            for (String input : inputs) {
                policy.checkPrompt(input);
                policy.checkCommand(input);
            }
        });
    }

    private static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
