package dev.hotplex.testkit;

import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.TurnStats;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static dev.hotplex.testkit.Fixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingEventSinkTest {
    private static final AgentEvent.Answer ANSWER = new AgentEvent.Answer("hi", false);
    private static final AgentEvent.Thinking THINKING = new AgentEvent.Thinking("hmm", false);
    private static final AgentEvent.ErrorEvent ERROR = new AgentEvent.ErrorEvent(StandardErrorCode.TURN_FAILED, "boom", TurnStats.EMPTY);

    private final RecordingEventSink sink = new RecordingEventSink();

    @Test
    void recordsEventsInOrder() {
        sink.accept(THINKING);
        sink.accept(ANSWER);
        sink.accept(ERROR);

        assertThat(sink.events()).containsExactly(THINKING, ANSWER, ERROR);
        assertThat(sink.eventsOfType(AgentEvent.Answer.class)).containsExactly(ANSWER);
        assertThat(sink.wireNames()).containsExactly("thinking", "answer", "error");
        assertThat(sink.terminalEvent()).contains(ERROR);
    }

    @Test
    void awaitsEventsDeliveredByAnotherThread() {
        CompletableFuture.runAsync(() -> {
            sink.accept(ANSWER);
            sink.accept(ERROR);
        });

        assertThat(sink.awaitEvent(AgentEvent.Answer.class, WAIT)).isEqualTo(ANSWER);
        assertThat(sink.awaitTerminal(WAIT)).isEqualTo(ERROR);
        assertThat(sink.awaitEvent(event -> event.wireName().equals("error"), WAIT)).isEqualTo(ERROR);
    }

    @Test
    void awaitingTimesOutWithWhatArrived() {
        sink.accept(ANSWER);

        assertThatThrownBy(() -> sink.awaitTerminal(Duration.ofMillis(20)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("terminal event")
                .hasMessageContaining("hi");
        assertThat(sink.terminalEvent()).isEmpty();
    }

    @Test
    void aFailingSinkRefusesEverythingAfterItsLimit() {
        RecordingEventSink failing = RecordingEventSink.failingAfter(1);
        failing.accept(ANSWER);

        assertThatThrownBy(() -> failing.accept(ERROR)).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> failing.accept(ERROR)).isInstanceOf(UncheckedIOException.class);
        assertThat(failing.events()).containsExactly(ANSWER);
        assertThat(failing.rejectedCount()).isEqualTo(2);
    }
}
