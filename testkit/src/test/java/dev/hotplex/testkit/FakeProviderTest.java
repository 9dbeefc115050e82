package dev.hotplex.testkit;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.TurnCompletion.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.hotplex.testkit.Fixtures.WAIT;
import static dev.hotplex.testkit.Fixtures.resumeSpec;
import static dev.hotplex.testkit.Fixtures.spec;
import static dev.hotplex.testkit.Fixtures.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeProviderTest {
    private final FakeProvider provider = new FakeProvider();

    @Test
    void opensRecordTheSpecAndHandOutIncreasingPids() {
        AgentConnection first = provider.open(spec("a"));
        AgentConnection second = provider.open(spec("b"));

        assertThat(first.pid()).hasValue(FakeProvider.FIRST_PID);
        assertThat(second.pid()).hasValue(FakeProvider.FIRST_PID + 1);
        assertThat(provider.openedSpecs()).containsExactly(spec("a"), spec("b"));
        assertThat(provider.openCount()).isEqualTo(2);
        assertThat(provider.connections()).containsExactly((FakeConnection) first, (FakeConnection) second);
        assertThat(provider.connectionsFor(SessionId.of("b"))).containsExactly((FakeConnection) second);
        assertThat(provider.lastConnection()).isSameAs(second);
        assertThat(provider.liveConnections()).isEqualTo(2);
        first.close(Duration.ZERO);
        assertThat(provider.liveConnections()).isEqualTo(1);
    }

    @Test
    void scriptedSpawnFailuresComeFirst() {
        provider.failNextOpens(1, "claude: not found");

        assertThatThrownBy(() -> provider.open(spec("a")))
                .isInstanceOfSatisfying(HotplexException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(StandardErrorCode.PROCESS_START_FAILED);
                    assertThat(e.getMessage()).isEqualTo("claude: not found");
                });
        assertThat(provider.open(spec("a")).isAlive()).isTrue();
        assertThat(provider.openCount()).isEqualTo(2);
        assertThat(provider.connections()).hasSize(1);
    }

    @Test
    void blockedOpensWaitTogetherUntilReleased() {
        provider.blockOpens();
        CompletableFuture<AgentConnection> first = CompletableFuture.supplyAsync(() -> provider.open(spec("a")));
        CompletableFuture<AgentConnection> second = CompletableFuture.supplyAsync(() -> provider.open(spec("b")));

        provider.awaitBlockedOpens(2, WAIT);
        assertThat(first).isNotDone();
        assertThat(provider.connections()).isEmpty();
        provider.releaseOpens();

        assertThat(List.of(first.join(), second.join())).allMatch(AgentConnection::isAlive);
        assertThat(provider.liveConnections()).isEqualTo(2);
    }

    @Test
    void awaitingBlockedOpensTimesOut() {
        assertThatThrownBy(() -> provider.awaitBlockedOpens(1, Duration.ofMillis(20)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("blocked opens");
    }

    @Test
    void aConversationIsResumableAfterASuccessfulTurnUntilItsFilesAreDiscarded() {
        assertThatThrownBy(() -> provider.open(resumeSpec("a")))
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.PROCESS_START_FAILED));

        AgentConnection connection = provider.open(spec("a"));
        RecordingTurnListener listener = new RecordingTurnListener();
        connection.startTurn(turn("t1", "hi"), listener);
        listener.awaitCompletion(WAIT);
        connection.close(Duration.ZERO);

        assertThat(provider.canResume(resumeSpec("a"))).isTrue();
        assertThat(provider.open(resumeSpec("a")).isAlive()).isTrue();
        provider.discardSessionFiles(spec("a"));
        assertThat(provider.canResume(resumeSpec("a"))).isFalse();
        assertThat(provider.discardedSpecs()).containsExactly(spec("a"));
    }

    @Test
    void versionCanBeChangedOrMadeUnavailable() {
        assertThat(provider.name()).isEqualTo("fake");
        assertThat(provider.version()).isEqualTo("fake 1.0");
        provider.setVersion("fake 2.0");
        assertThat(provider.version()).isEqualTo("fake 2.0");

        provider.setUnavailable(true);

        assertThatThrownBy(provider::version)
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.PROVIDER_UNAVAILABLE));
    }

    @Test
    void startedTurnsCanBeAwaitedAcrossConnections() {
        provider.defaultScript(TurnScript.hang());
        AgentConnection first = provider.open(spec("a"));
        AgentConnection second = provider.open(spec("b"));
        RecordingTurnListener firstListener = new RecordingTurnListener();
        RecordingTurnListener secondListener = new RecordingTurnListener();

        CompletableFuture.runAsync(() -> first.startTurn(turn("t1", "x"), firstListener));
        CompletableFuture.runAsync(() -> second.startTurn(turn("t2", "y"), secondListener));
        provider.awaitTurnsStarted(2, WAIT);
        first.interrupt();
        second.close(Duration.ZERO);

        assertThat(provider.turnInputs()).extracting(input -> input.turnId()).containsExactlyInAnyOrder("t1", "t2");
        assertThat(firstListener.awaitCompletion(WAIT).status()).isEqualTo(Status.INTERRUPTED);
        assertThat(secondListener.awaitCompletion(WAIT).status()).isEqualTo(Status.PROCESS_DIED);
    }

    @Test
    void newConnectionsCanIgnoreInterrupts() {
        provider.ignoreInterruptsOnNewConnections(true);
        provider.defaultScript(TurnScript.hang());
        AgentConnection connection = provider.open(spec("a"));
        RecordingTurnListener listener = new RecordingTurnListener();
        connection.startTurn(turn("t1", "x"), listener);

        connection.interrupt();
        assertThat(((FakeConnection) connection).turnRunning()).isTrue();
        connection.close(Duration.ZERO);

        assertThat(listener.awaitCompletion(WAIT).status()).isEqualTo(Status.PROCESS_DIED);
    }

    @Test
    void openDelayPlaysAColdStart() {
        provider.setOpenDelay(Duration.ofMillis(50));
        long start = System.nanoTime();

        provider.open(spec("a"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }
}
