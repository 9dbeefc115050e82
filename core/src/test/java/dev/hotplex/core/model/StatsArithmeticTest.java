package dev.hotplex.core.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StatsArithmeticTest {
    private static ProviderTotals totals(String cost, long input) {
        return new ProviderTotals(Optional.of(new BigDecimal(cost)),
                Map.of("m", new ModelUsage(new TokenUsage(input, 10, 0, 0), new BigDecimal(cost))));
    }

    @Test
    void runningTotalsBecomePerTurnDeltas() {
        // the three cumulative reports of the recorded b_multiturn transcript
        ProviderTotals first = totals("0.050316", 12529);
        ProviderTotals second = totals("0.100776", 25094);
        ProviderTotals third = totals("0.151404", 37701);

        assertThat(first.since(ProviderTotals.NONE).costUsd()).contains(new BigDecimal("0.050316"));
        assertThat(second.since(first).costUsd()).contains(new BigDecimal("0.050460"));
        assertThat(third.since(second).costUsd()).contains(new BigDecimal("0.050628"));
        assertThat(third.since(second).modelUsage().get("m").tokens().inputTokens()).isEqualTo(12607);
    }

    @Test
    void aRestartedProcessNeverYieldsNegativeDeltas() {
        ProviderTotals before = totals("0.9", 1000);
        ProviderTotals afterRestart = totals("0.1", 100);
        assertThat(afterRestart.since(before).costUsd()).contains(BigDecimal.ZERO.max(new BigDecimal("0.0")));
        assertThat(afterRestart.since(before).modelUsage().get("m").tokens().inputTokens()).isZero();
    }

    @Test
    void sessionStatsAccumulateTurns() {
        TurnStats one = new TurnStats(100, 10, 20, 30, new TokenUsage(5, 6, 7, 8), Optional.of(new BigDecimal("0.01")),
                Map.of("m", new ModelUsage(new TokenUsage(5, 6, 7, 8), new BigDecimal("0.01"))), 2,
                List.of("Bash", "Write"), List.of("a.txt"), Optional.of("m"), 1, false);
        TurnStats two = new TurnStats(50, 0, 0, 50, new TokenUsage(1, 1, 0, 0), Optional.empty(), Map.of(), 1,
                List.of("Read", "Bash"), List.of("b.txt", "a.txt"), Optional.empty(), 1, true);

        SessionStats stats = SessionStats.empty(SessionId.of("s")).plus(one).plus(two);

        assertThat(stats.turns()).isEqualTo(2);
        assertThat(stats.errors()).isEqualTo(1);
        assertThat(stats.totalMs()).isEqualTo(150);
        assertThat(stats.generationMs()).isEqualTo(80);
        assertThat(stats.tokens()).isEqualTo(new TokenUsage(6, 7, 7, 8));
        assertThat(stats.costUsd()).contains(new BigDecimal("0.01"));
        assertThat(stats.toolCallCount()).isEqualTo(3);
        assertThat(stats.toolsUsed()).containsExactly("Bash", "Read", "Write");
        assertThat(stats.filesModified()).containsExactly("a.txt", "b.txt");
        assertThat(stats.modelUsage().get("m").costUsd()).isEqualByComparingTo("0.01");
    }

    @Test
    void costStaysUnknownWhenNoTurnReportedOne() {
        TurnStats noCost = new TurnStats(1, 0, 0, 0, TokenUsage.ZERO, Optional.empty(), Map.of(), 0, List.of(),
                List.of(), Optional.empty(), 0, false);
        assertThat(SessionStats.empty(SessionId.of("s")).plus(noCost).costUsd()).isEmpty();
    }
}
