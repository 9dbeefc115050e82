package dev.hotplex.provider.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TestProcessTable {
    @Test
    void parsesStatLinesWhoseCommandNameHoldsSpacesAndParentheses() {
        assertThat(ProcessTable.parse("4242 (claude) S 1 4242 4242 0 -1 4194560 0 0"))
                .contains(new ProcessTable.Stat(4242, 'S', 1, 4242));
        assertThat(ProcessTable.parse("77 (weird ) name (x)) Z 5 70 70 0"))
                .contains(new ProcessTable.Stat(77, 'Z', 5, 70));
        assertThat(ProcessTable.parse("garbage")).isEmpty();
        assertThat(ProcessTable.parse("12 (x) S")).isEmpty();
    }

    @Test
    void readsTheStartTimeFromField22CountedFromTheLastParenthesis() {
        String fields4To21 = " 1 4242 4242 0 -1 4194560 0 0 0 0 10 5 0 0 20 0 1 0";
        assertThat(ProcessTable.parseStartTime("4242 (claude) S" + fields4To21 + " 987654 123 456"))
                .hasValue(987654);
        assertThat(ProcessTable.parseStartTime("4242 (a) b) (c) S" + fields4To21 + " 987655 123 456"))
                .hasValue(987655);
        assertThat(ProcessTable.parseStartTime("4242 (claude) S 1 4242")).isEmpty();
        assertThat(ProcessTable.parseStartTime("garbage")).isEmpty();
    }

    @Test
    void identifiesThisJvmByPidAndStartTime() {
        ProcessTable table = ProcessTable.system();
        ProcessIdentity self = table.self();

        assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(table.isRunning(self)).isTrue();
        assertThat(table.isRunning(new ProcessIdentity(self.pid(), self.startTime() + 1))).isFalse();
    }

    @Test
    void listsLiveMembersOfAGroupAndCountsZombiesAsGone(@TempDir Path proc) throws IOException {
        stat(proc, 100, "100 (claude) S 1 100 100 0");
        stat(proc, 101, "101 (bash) R 100 100 100 0");
        stat(proc, 102, "102 (sleep) Z 1 100 100 0");
        stat(proc, 200, "200 (other) S 1 200 200 0");
        Files.createDirectories(proc.resolve("self"));
        Files.createDirectories(proc.resolve("sys"));
        Files.createDirectories(proc.resolve("300"));

        ProcessTable table = new ProcessTable(proc);

        assertThat(table.liveMembers(100)).containsExactlyInAnyOrder(100L, 101L);
        assertThat(table.liveMembers(200)).containsExactly(200L);
        assertThat(table.liveMembers(999)).isEmpty();
        assertThat(table.stat(101)).contains(new ProcessTable.Stat(101, 'R', 100, 100));
        assertThat(table.stat(300)).isEmpty();
    }

    @Test
    void readsTheRealProcessTable() {
        ProcessTable table = ProcessTable.system();
        long self = ProcessHandle.current().pid();

        assertThat(table.available()).isTrue();
        assertThat(table.stat(self)).hasValueSatisfying(stat -> {
            assertThat(stat.pid()).isEqualTo(self);
            assertThat(table.liveMembers(stat.processGroup())).contains(self);
        });
    }

    private static void stat(Path proc, long pid, String line) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), line + "\n");
    }
}
