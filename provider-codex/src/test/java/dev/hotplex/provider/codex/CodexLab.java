package dev.hotplex.provider.codex;

import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.provider.process.SandboxConfig;
import dev.hotplex.testkit.openai.CodexHomes;
import dev.hotplex.testkit.openai.CodexBinaryLocator;
import dev.hotplex.testkit.openai.FakeOpenAiApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real Codex CLI against a {@link FakeOpenAiApi}, in a temp dir: its own CODEX_HOME, state dir and work
 * dir; in hotplex's OS sandbox (bubblewrap) unless started {@link #startUnconfined unconfined}. Skips only when the pinned binary is genuinely not installed ({@code bin/install-codex}).
 */
final class CodexLab implements AutoCloseable {
    static final Duration TURN_TIMEOUT = Duration.ofSeconds(60);

    final FakeOpenAiApi api;
    final Path root;
    final Path home;
    final Path workDir;
    final CodexProvider provider;

    private CodexLab(FakeOpenAiApi api, Path root, String sandbox, String approvalPolicy,
                     Map<String, CodexPrice> prices, SandboxConfig osSandbox) throws IOException {
        this.api = api;
        this.root = root;
        // not under the temp dir, where Codex's command sandbox cannot work (see CodexHomes)
        Path build = CodexHomes.base();
        this.home = api.writeCodexHome(Files.createTempDirectory(build, "home-"));
        this.workDir = Files.createDirectories(root.resolve("work"));
        Map<String, String> extra = new HashMap<>(api.cliEnvironment(home));
        extra.remove("CODEX_HOME"); // the provider sets it from its own config
        CodexProviderConfig config = CodexProviderConfig.defaults()
                .withBinary(CodexBinaryLocator.locate().toString())
                .withHome(home)
                .withModel(FakeOpenAiApi.DEFAULT_MODEL)
                .withPolicy(sandbox, approvalPolicy)
                .withExtraEnv(extra)
                .withStateDir(root.resolve("state"))
                .withShutdownGrace(Duration.ofSeconds(2))
                .withPrices(prices)
                .withOsSandbox(osSandbox);
        this.provider = new CodexProvider(config);
    }

    static CodexLab start(Path root, FakeOpenAiApi.Builder api, String sandbox, String approvalPolicy) {
        return start(root, api, sandbox, approvalPolicy, Map.of());
    }

    static CodexLab start(Path root, FakeOpenAiApi.Builder api, String sandbox, String approvalPolicy,
                          Map<String, CodexPrice> prices) {
        return start(root, api, sandbox, approvalPolicy, prices, SandboxConfig.defaults());
    }

    /** Without hotplex's OS sandbox, so Codex's own {@code sandbox} applies to its commands. */
    static CodexLab startUnconfined(Path root, FakeOpenAiApi.Builder api, String sandbox, String approvalPolicy) {
        return start(root, api, sandbox, approvalPolicy, Map.of(), SandboxConfig.none());
    }

    private static CodexLab start(Path root, FakeOpenAiApi.Builder api, String sandbox, String approvalPolicy,
                                  Map<String, CodexPrice> prices, SandboxConfig osSandbox) {
        assumeTrue(CodexBinaryLocator.find().isPresent(), "the Codex CLI is not installed (bin/install-codex)");
        FakeOpenAiApi started = api.start();
        try {
            return new CodexLab(started, root, sandbox, approvalPolicy, prices, osSandbox);
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    SessionSpec spec(String session, boolean resume) {
        return new SessionSpec(SessionId.of(session), "default", "hotplex-" + session, workDir, resume,
                Optional.empty(), List.of(), List.of());
    }

    @Override
    public void close() {
        try {
            provider.close();
        } finally {
            api.close();
            deleteTree(home);
        }
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover under target/ is harmless; the next clean removes it
        }
    }
}
