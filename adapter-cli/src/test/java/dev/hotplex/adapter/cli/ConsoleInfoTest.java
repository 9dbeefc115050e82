package dev.hotplex.adapter.cli;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleInfoTest {
    @Test
    void colourOnlyOnARealTerminalWithoutNoColor() {
        InputStream in = InputStream.nullInputStream();
        assertThat(ConsoleInfo.detect(in, true, Map.of("TERM", "xterm"))).extracting(ConsoleInfo::interactive,
                ConsoleInfo::color).containsExactly(true, true);
        assertThat(ConsoleInfo.detect(in, true, Map.of("TERM", "xterm", "NO_COLOR", "1")))
                .extracting(ConsoleInfo::interactive, ConsoleInfo::color).containsExactly(true, false);
        assertThat(ConsoleInfo.detect(in, true, Map.of("TERM", "dumb")))
                .extracting(ConsoleInfo::interactive, ConsoleInfo::color).containsExactly(false, false);
        assertThat(ConsoleInfo.detect(in, false, Map.of("TERM", "xterm")))
                .extracting(ConsoleInfo::interactive, ConsoleInfo::color).containsExactly(false, false);
    }
}
