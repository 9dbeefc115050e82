package dev.hotplex.store.sql;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.port.out.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two engines in two processes on one state directory: the second is refused, and a killed holder frees it. */
class TestStateDirLockAcrossProcesses {
    private static final Clock CLOCK = () -> Instant.parse("2026-12-07T01:00:00Z");

    @TempDir
    Path temp;

    @Test
    void anotherProcessHoldingTheStoreRefusesThisOneUntilItIsKilled() throws Exception {
        Process holder = startHolder();
        try {
            try (BufferedReader out = holder.inputReader()) {
                assertThat(out.readLine()).isEqualTo("open 0");
                assertThatThrownBy(() -> SqliteSessionStore.open(temp, CLOCK))
                        .isInstanceOfSatisfying(HotplexException.class,
                                e -> assertThat(e.errorCode()).isEqualTo(StoreErrorCode.STORE_LOCKED))
                        .hasMessageContaining("(pid " + holder.pid() + ")");

                // kill -9: the kernel drops the lock with its holder, so no stale lock outlives a crash
                holder.destroyForcibly();
                assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            try (SqliteSessionStore store = SqliteSessionStore.open(temp, CLOCK)) {
                store.save(TestSqliteSessionStore.fullRecord("after-the-crash"));
                assertThat(store.findAll()).hasSize(1);
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    private Process startHolder() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            command.add("--enable-native-access=ALL-UNNAMED"); // SQLite's native library, without a warning
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StoreHolder.class.getName());
        command.add(temp.toString());
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
