package dev.hotplex.provider.codex;

import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnInput;
import dev.hotplex.testkit.RecordingTurnListener;
import dev.hotplex.testkit.openai.FakeOpenAiApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Codex reports no cost: none without a price, a computed one with a price for the thread's model. */
class TestCodexPricing {
    private static final CodexPrice PRICE = new CodexPrice(new BigDecimal("1.25"), new BigDecimal("0.125"),
            new BigDecimal("10"));

    @TempDir
    Path root;

    @Test
    void a_price_charges_fresh_and_written_input_cached_input_and_output_per_million() {
        assertThat(PRICE.cost(new TokenUsage(1_000_000, 100_000, 0, 2_000_000)))
                .isEqualByComparingTo("2.50"); // 1.25 + 0.25 (cached) + 1.00 (output)
        assertThat(PRICE.cost(TokenUsage.ZERO)).isEqualByComparingTo("0");
        assertThatThrownBy(() -> new CodexPrice(BigDecimal.ONE.negate(), BigDecimal.ZERO, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void turns_of_a_priced_model_carry_running_cost_totals_and_unpriced_ones_none() {
        try (CodexLab priced = CodexLab.start(root.resolve("priced"), FakeOpenAiApi.builder(), "read-only", "never",
                Map.of(FakeOpenAiApi.DEFAULT_MODEL, PRICE))) {
            AgentConnection connection = priced.provider.open(priced.spec("priced", false));
            try {
                TurnCompletion one = run(connection, "t1", "first");
                TurnCompletion two = run(connection, "t2", "second");

                assertThat(one.model()).contains(FakeOpenAiApi.DEFAULT_MODEL);
                assertThat(one.totals().costUsd()).contains(PRICE.cost(one.tokens()));
                assertThat(two.totals().costUsd()).as("running totals over the process's turns")
                        .contains(PRICE.cost(one.tokens().plus(two.tokens())));
            } finally {
                connection.close(Duration.ofSeconds(2));
            }
        }
        try (CodexLab unpriced = CodexLab.start(root.resolve("unpriced"), FakeOpenAiApi.builder(), "read-only",
                "never", Map.of("some-other-model", PRICE))) {
            AgentConnection connection = unpriced.provider.open(unpriced.spec("unpriced", false));
            try {
                assertThat(run(connection, "t1", "hello").totals().costUsd()).isEmpty();
            } finally {
                connection.close(Duration.ofSeconds(2));
            }
        }
    }

    private static TurnCompletion run(AgentConnection connection, String turnId, String prompt) {
        RecordingTurnListener listener = new RecordingTurnListener();
        connection.startTurn(new TurnInput(turnId, prompt), listener);
        return listener.awaitCompletion(CodexLab.TURN_TIMEOUT);
    }
}
