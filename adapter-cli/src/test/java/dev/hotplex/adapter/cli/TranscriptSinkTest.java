package dev.hotplex.adapter.cli;

import dev.hotplex.core.model.AgentEvent;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class TranscriptSinkTest {
    @Test
    void thinkingIsDimmedOnlyWithColourAndStreamedTextIsNotRepeated() {
        StringWriter coloured = new StringWriter();
        TranscriptSink sink = new TranscriptSink(new PrintWriter(coloured), new PrintWriter(new StringWriter()), true,
                () -> { });
        sink.accept(new AgentEvent.Thinking("hmm ", true));
        sink.accept(new AgentEvent.Thinking("ok", true));
        sink.accept(new AgentEvent.Thinking("hmm ok", false));
        sink.accept(new AgentEvent.Answer("he", true));
        sink.accept(new AgentEvent.Answer("llo", true));
        sink.accept(new AgentEvent.Answer("hello", false));

        assertThat(coloured.toString()).isEqualTo("\u001b[2mhmm \u001b[0m\u001b[2mok\u001b[0m\nhello\n");

        StringWriter plain = new StringWriter();
        new TranscriptSink(new PrintWriter(plain), new PrintWriter(new StringWriter()))
                .accept(new AgentEvent.Thinking("whole block", false));
        assertThat(plain.toString()).isEqualTo("· whole block\n");
    }

    @Test
    void costsAreShownToAHundredthOfACent() {
        assertThat(TranscriptSink.dollars(new BigDecimal("0.053711999999999996"))).isEqualTo("0.0537");
    }
}
