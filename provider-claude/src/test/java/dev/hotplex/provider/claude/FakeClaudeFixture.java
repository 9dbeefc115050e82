package dev.hotplex.provider.claude;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnInput;
import dev.hotplex.provider.process.SandboxConfig;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.RecordingTurnListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A work dir, a Claude config dir and the fake {@code claude} script (test resource {@code fake-claude/claude})
 * for one test, plus providers built on them. {@link #close()} closes every provider and checks what must
 * hold after any scenario: no process group left, and every turn got exactly one completion and no event
 * after it.
 */
final class FakeClaudeFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String SESSION_UUID = "3b241101-e2bb-5255-8caf-4136c566a962";

    final Path workDir;
    final Path configDir;
    final Path binary;
    final Path stateDir;
    private final Path root;
    private final List<ClaudeProvider> providers = new CopyOnWriteArrayList<>();
    private final List<RecordingTurnListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger turnIds = new AtomicInteger();

    FakeClaudeFixture(Path root) {
        this.root = requireNonNull(root, "root is null");
        try {
            this.workDir = Files.createDirectories(root.resolve("work dir"));
            this.configDir = Files.createDirectories(root.resolve("claude-config"));
            this.binary = Files.createDirectories(root.resolve("bin")).resolve("claude");
            this.stateDir = root.resolve("state").resolve("claude-groups");
            try (InputStream script = requireNonNull(getClass().getResourceAsStream("/fake-claude/claude"))) {
                Files.copy(script, binary, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fake as the binary, quick timeouts for tests; unconfined and one shared config dir, because these tests
     * read pids and files the fake writes outside its work dir (TestClaudeProviderSandbox covers both).
     */
    ClaudeProviderConfig.Builder config() {
        return ClaudeProviderConfig.builder()
                .binary(binary.toString())
                .startupTimeout(Duration.ofSeconds(10))
                .shutdownGrace(Duration.ofSeconds(1))
                .stateDir(stateDir)
                .sandbox(SandboxConfig.none())
                .configDirScope(ConfigDirScope.ENGINE);
    }

    /** What the engine's environment would hold: PATH and HOME, the user's Claude settings, and secrets. */
    Map<String, String> engineEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", System.getenv("PATH"));
        environment.put("HOME", root.toString());
        environment.put("CLAUDE_CONFIG_DIR", configDir.toString());
        return environment;
    }

    ClaudeProvider provider(ClaudeProviderConfig.Builder config) {
        return provider(config, engineEnvironment());
    }

    ClaudeProvider provider(ClaudeProviderConfig.Builder config, Map<String, String> engineEnvironment) {
        ClaudeProvider provider = new ClaudeProvider(config.build(), engineEnvironment);
        providers.add(provider);
        return provider;
    }

    SessionSpec spec() {
        return spec(false, Optional.empty(), List.of());
    }

    SessionSpec spec(boolean resume, Optional<String> systemPrompt, List<String> allowedTools) {
        return new SessionSpec(SessionId.of("session-1"), "default", SESSION_UUID, workDir, resume, systemPrompt,
                allowedTools, List.of());
    }

    /** Starts a turn and returns its listener (checked for exactly one completion on close). */
    RecordingTurnListener start(AgentConnection connection, String prompt) {
        return start(connection, prompt, event -> { });
    }

    RecordingTurnListener start(AgentConnection connection, String prompt, Consumer<AgentEvent> reaction) {
        RecordingTurnListener listener = new RecordingTurnListener(reaction);
        listeners.add(listener);
        connection.startTurn(new TurnInput("turn-" + turnIds.incrementAndGet(), prompt), listener);
        return listener;
    }

    /** Runs a turn to its completion. */
    Turn run(AgentConnection connection, String prompt) {
        return run(connection, prompt, event -> { });
    }

    Turn run(AgentConnection connection, String prompt, Consumer<AgentEvent> reaction) {
        RecordingTurnListener listener = start(connection, prompt, reaction);
        return new Turn(listener, listener.awaitCompletion(WAIT));
    }

    /** A finished turn. */
    record Turn(RecordingTurnListener listener, TurnCompletion completion) {
        /** The text of the whole answer blocks (not the streamed fragments). */
        String answer() {
            return listener.events().stream()
                    .filter(AgentEvent.Answer.class::isInstance)
                    .map(AgentEvent.Answer.class::cast)
                    .filter(answer -> !answer.delta())
                    .map(AgentEvent.Answer::text)
                    .collect(Collectors.joining());
        }

        List<AgentEvent.Raw> raws(String type) {
            return listener.events().stream()
                    .filter(AgentEvent.Raw.class::isInstance)
                    .map(AgentEvent.Raw.class::cast)
                    .filter(raw -> raw.type().equals(type))
                    .toList();
        }
    }

    @Override
    public void close() {
        List<Long> groups = new ArrayList<>();
        for (ClaudeProvider provider : providers) {
            groups.addAll(provider.liveProcessGroups());
            provider.close();
            assertThat(provider.liveProcessGroups()).isEmpty();
        }
        groups.forEach(pgid -> assertThat(ProcessGroups.liveMembers(pgid)).as("live members of group %d", pgid).isEmpty());
        if (Files.isDirectory(stateDir)) {
            try (var records = Files.list(stateDir)) {
                assertThat(records.toList()).as("process group records left in %s", stateDir).isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (RecordingTurnListener listener : listeners) {
            assertThat(listener.completions()).as("completions of a turn").hasSize(1);
            assertThat(listener.eventsAfterCompletion()).as("events after the completion").isZero();
        }
    }
}
