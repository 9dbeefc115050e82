package dev.hotplex.provider.claude;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The set-up that tests of a provider on the fake {@code claude} share: a fresh {@link FakeClaudeFixture} in a
 * temp dir and a provider on its default config, closed after each test with the fixture's leak checks.
 */
abstract class OnFakeClaude {
    @TempDir
    Path root;
    FakeClaudeFixture fake;
    ClaudeProvider provider;

    @BeforeEach
    void startFakeClaude() {
        fake = new FakeClaudeFixture(root);
        provider = fake.provider(fake.config());
    }

    @AfterEach
    void closeFakeClaude() {
        fake.close();
    }
}
