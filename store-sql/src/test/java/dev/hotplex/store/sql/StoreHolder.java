package dev.hotplex.store.sql;

import java.nio.file.Path;
import java.time.Instant;

/** A second process for {@link TestStateDirLockAcrossProcesses}: opens the store, says so, holds it until stdin ends. */
public final class StoreHolder {
    private StoreHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (SqliteSessionStore store = SqliteSessionStore.open(Path.of(args[0]), () -> Instant.EPOCH)) {
            System.out.println("open " + store.findAll().size());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the store until the parent closes our stdin or kills us
            }
        }
    }
}
