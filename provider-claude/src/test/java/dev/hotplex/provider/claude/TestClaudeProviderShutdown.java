package dev.hotplex.provider.claude;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnCompletion.Status;
import dev.hotplex.core.port.out.TurnInput;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.RecordingTurnListener;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.hotplex.provider.claude.FakeClaudeFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ending processes: nothing of a session's process group may survive a close. */
class TestClaudeProviderShutdown extends OnFakeClaude {
    private static final Duration GRACE = Duration.ofMillis(1000);
    /** What killing and reaping may add to the grace on a busy 2-core machine. */
    private static final Duration EPSILON = Duration.ofMillis(1500);

    @Test
    void anIdleProcessIsClosedPolitelyByClosingItsStdin() {
        AgentConnection connection = provider.open(fake.spec());
        long pid = connection.pid().orElseThrow();

        Duration took = timed(() -> connection.close(Duration.ofSeconds(10)));

        assertThat(took).as("the CLI exits at the end of its stdin; no need to wait out the grace")
                .isLessThan(Duration.ofSeconds(2));
        assertThat(connection.isAlive()).isFalse();
        assertThat(ProcessGroups.liveMembers(pid)).isEmpty();
        connection.close(GRACE);
    }

    @Test
    void closeEndsARunningTurnAsProcessDiedAndLeavesNoProcess() {
        AgentConnection connection = provider.open(fake.spec());
        RecordingTurnListener hanging = fake.start(connection, "hang");
        hanging.awaitEvent(AgentEvent.Raw.class, WAIT);

        Duration took = timed(() -> connection.close(GRACE));

        TurnCompletion completion = hanging.awaitCompletion(WAIT);
        assertThat(completion.status()).isEqualTo(Status.PROCESS_DIED);
        assertThat(completion.message()).hasValueSatisfying(message -> assertThat(message).contains("closed by hotplex"));
        assertThat(took).isLessThan(GRACE.plus(EPSILON));
        assertThat(ProcessGroups.liveMembers(connection.pid().orElseThrow())).isEmpty();
        assertThat(connection.isAlive()).isFalse();
        assertThatThrownBy(() -> connection.startTurn(new TurnInput("again", "hi"), new RecordingTurnListener())).isInstanceOfSatisfying(HotplexException.class,
                e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.PROCESS_DIED));
    }

    @Test
    void closeEndsTheWholeGroupIncludingAGrandchildThatIgnoresSigterm() {
        AgentConnection connection = provider.open(fake.spec());
        long pgid = connection.pid().orElseThrow();
        long grandchild = Long.parseLong(fake.run(connection, "grandchild").answer().substring("grandchild ".length()));
        assertThat(ProcessGroups.groupOf(grandchild)).contains(pgid);

        Duration took = timed(() -> connection.close(GRACE));

        assertThat(took).isBetween(GRACE.minusMillis(50), GRACE.plus(EPSILON));
        assertThat(ProcessGroups.liveMembers(pgid)).isEmpty();
        assertThat(ProcessGroups.isAlive(grandchild)).isFalse();
    }

    @Test
    void closeEndsALeaderThatIgnoresSigtermAndTheEndOfItsStdin() {
        AgentConnection connection = provider.open(fake.spec());
        long pgid = connection.pid().orElseThrow();
        assertThat(fake.run(connection, "stubborn").answer()).isEqualTo("stubborn");

        Duration took = timed(() -> connection.close(GRACE));

        assertThat(took).isBetween(GRACE.minusMillis(50), GRACE.plus(EPSILON));
        assertThat(ProcessGroups.liveMembers(pgid)).isEmpty();
    }

    @Test
    void closingTheProviderEndsEveryProcessGroupItStartedAndRefusesNewOnes() {
        AgentConnection busy = provider.open(fake.spec());
        RecordingTurnListener hanging = fake.start(busy, "hang");
        hanging.awaitEvent(AgentEvent.Raw.class, WAIT);
        AgentConnection idle = provider.open(fake.spec());
        long grandchild = Long.parseLong(fake.run(idle, "grandchild").answer().substring("grandchild ".length()));
        AgentConnection stubborn = provider.open(fake.spec());
        fake.run(stubborn, "stubborn");
        // more leaders that each hold out for the whole grace: one after the other they would take 5 × GRACE
        List<AgentConnection> moreStubborn = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            AgentConnection another = provider.open(fake.spec());
            fake.run(another, "stubborn");
            moreStubborn.add(another);
        }
        List<AgentConnection> all = new ArrayList<>(List.of(busy, idle, stubborn));
        all.addAll(moreStubborn);
        assertThat(provider.liveProcessGroups()).containsExactlyInAnyOrderElementsOf(
                all.stream().map(connection -> connection.pid().orElseThrow()).toList());

        Duration took = timed(provider::close);

        // in parallel it is about one GRACE; the bound leaves room for a loaded machine and still fails sequential
        assertThat(took).as("groups are ended in parallel").isLessThan(GRACE.multipliedBy(4));
        assertThat(provider.liveProcessGroups()).isEmpty();
        for (AgentConnection connection : all) {
            assertThat(ProcessGroups.liveMembers(connection.pid().orElseThrow())).isEmpty();
            assertThat(connection.isAlive()).isFalse();
        }
        assertThat(ProcessGroups.isAlive(grandchild)).isFalse();
        TurnCompletion completion = hanging.awaitCompletion(WAIT);
        assertThat(completion.status()).isEqualTo(Status.PROCESS_DIED);
        assertThat(completion.message()).hasValueSatisfying(message -> assertThat(message).contains("the provider is closing"));
        assertThatThrownBy(() -> provider.open(fake.spec())).isInstanceOfSatisfying(HotplexException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(StandardErrorCode.PROCESS_START_FAILED);
            assertThat(e.getMessage()).contains("shutting down");
        });
    }

    private static Duration timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
