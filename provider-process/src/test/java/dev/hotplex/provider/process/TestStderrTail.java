package dev.hotplex.provider.process;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TestStderrTail {
    @Test
    void keepsEverythingWhileItFits() {
        StderrTail tail = new StderrTail(64);

        tail.drain(new ByteArrayInputStream("  error: bad flag\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(tail.awaitDrained(Duration.ZERO)).isTrue();
        assertThat(tail.text()).isEqualTo("error: bad flag");
    }

    @Test
    void keepsOnlyTheLastBytesOfAFloodAndSaysSomethingWasDropped() {
        StderrTail tail = new StderrTail(16);
        byte[] flood = ("e".repeat(4 * 1024 * 1024) + "the end").getBytes(StandardCharsets.UTF_8);

        tail.drain(new ByteArrayInputStream(flood));

        assertThat(tail.totalBytes()).isEqualTo(flood.length);
        assertThat(tail.text()).isEqualTo("...eeeeeeeee" + "the end");
    }

    @Test
    void aCharacterCutInHalfByTheRingIsDropped() {
        StderrTail tail = new StderrTail(4);

        tail.drain(new ByteArrayInputStream("aaaé✓".getBytes(StandardCharsets.UTF_8)));

        assertThat(tail.text()).isEqualTo("...✓");
    }

    @Test
    void manySmallWritesWrapAround() {
        StderrTail tail = new StderrTail(8);
        for (int i = 0; i < 100; i++) {
            byte[] line = ("line" + i + "\n").getBytes(StandardCharsets.UTF_8);
            tail.append(line, line.length);
        }

        assertThat(tail.text()).isEqualTo("...line99");
    }
}
