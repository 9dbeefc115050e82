package dev.hotplex.core.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The set-up that engine tests on the default {@link EngineHarness} share: a fresh one per test, closed after it. */
abstract class OnEngineHarness {
    @TempDir
    Path temp;
    EngineHarness harness;

    @BeforeEach
    void startHarness() {
        harness = new EngineHarness(temp);
    }

    @AfterEach
    void closeHarness() {
        harness.close();
    }
}
