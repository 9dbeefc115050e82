package dev.hotplex.cli;

import dev.hotplex.testkit.anthropic.ClaudeBinaryLocator;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every test of a real {@code hotplex} JVM needs once per class: the real Claude Code CLI (the class is skipped
 * when it is not wanted) and the {@link FakeAnthropicApi} it talks to, closed after the last test. Registered as a
 * {@code static} {@code @RegisterExtension} field; {@link #hotplex(Path)} gives each test its own sandbox.
 */
final class RealClaudeCli implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<FakeAnthropicApi> apiFactory;
    private final boolean needsTmux;
    private Path claude;
    private FakeAnthropicApi api;

    private RealClaudeCli(Supplier<FakeAnthropicApi> apiFactory, boolean needsTmux) {
        this.apiFactory = apiFactory;
        this.needsTmux = needsTmux;
    }

    /** The real CLI against the fake API {@code apiFactory} starts (e.g. {@code FakeAnthropicApi::start}). */
    static RealClaudeCli against(Supplier<FakeAnthropicApi> apiFactory) {
        return new RealClaudeCli(apiFactory, false);
    }

    /** The real CLI against a reply that streams for a minute: long enough that only Ctrl-C ends a turn in time. */
    static RealClaudeCli againstAMinuteLongReply() {
        return against(() -> FakeAnthropicApi.builder().slow(300, Duration.ofMillis(200)).start());
    }

    /** The same, for tests that also need a terminal: skipped where tmux is not installed. */
    RealClaudeCli inTmux() {
        return new RealClaudeCli(apiFactory, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (needsTmux) {
            assumeTrue(Tmux.available(), "tmux is not installed");
        }
        assumeFalse(ClaudeBinaryLocator.skipRequested(), "real Claude Code CLI tests skipped");
        claude = ClaudeBinaryLocator.locate();
        api = apiFactory.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (api != null) {
            api.close();
            api = null;
        }
    }

    FakeAnthropicApi api() {
        return api;
    }

    /** Starts {@code hotplex run --session session prompt}; returns once its turn has reached the fake API. */
    HotplexLauncher.Started startTurn(Path sandbox, String session, String prompt) throws IOException,
            InterruptedException {
        int requestsBefore = api.requestBodies().size();
        HotplexLauncher.Started run = hotplex(sandbox).start(Map.of(), "run", "--session", session, prompt);
        try {
            api.awaitRequestBodies(requestsBefore + 1, Duration.ofSeconds(90));
            return run;
        } catch (RuntimeException | Error e) {
            run.close();
            throw e;
        }
    }

    /** A launcher for hotplex over this CLI and API, with its home, workspace and state inside {@code sandbox}. */
    HotplexLauncher hotplex(Path sandbox) {
        return new HotplexLauncher(claude, sandbox, api);
    }
}
