package dev.hotplex.provider.claude;

import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.core.port.out.TurnInput;
import dev.hotplex.provider.process.SandboxConfig;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.RecordingTurnListener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run in a JVM of its own by {@link TestClaudeProviderOrphans}, as the engine that gets {@code kill -9}ed: a
 * real {@link ClaudeProvider} over the fake CLI opens two sessions, leaves a grandchild that ignores SIGTERM in
 * the first, starts a turn that hangs in each, prints the process group ids and waits to be killed.
 *
 * <p>Arguments: the fake binary, the state dir, the work dir, HOME, CLAUDE_CONFIG_DIR.
 */
public final class OrphanedEngineProbe {
    private OrphanedEngineProbe() {
    }

    public static void main(String[] args) throws Exception {
        ClaudeProviderConfig config = ClaudeProviderConfig.builder()
                .binary(args[0])
                .stateDir(Path.of(args[1]))
                .startupTimeout(Duration.ofSeconds(10))
                .shutdownGrace(Duration.ofSeconds(1))
                // unconfined: a sandboxed CLI dies with its engine (--die-with-parent) and leaves nothing to reap
                .sandbox(SandboxConfig.none())
                .build();
        Map<String, String> environment = Map.of("PATH", System.getenv("PATH"), "HOME", args[3],
                "CLAUDE_CONFIG_DIR", args[4]);
        ClaudeProvider provider = new ClaudeProvider(config, environment);
        Path workDir = Path.of(args[2]);
        AgentConnection first = provider.open(spec("session-1", "3b241101-e2bb-5255-8caf-4136c566a961", workDir));
        AgentConnection second = provider.open(spec("session-2", "3b241101-e2bb-5255-8caf-4136c566a962", workDir));
        RecordingTurnListener grandchild = new RecordingTurnListener();
        first.startTurn(new TurnInput("turn-1", "grandchild"), grandchild);
        grandchild.awaitCompletion(Duration.ofSeconds(10));
        hang(first, "turn-2");
        hang(second, "turn-3");
        List<Long> groups = provider.liveProcessGroups();
        System.out.println(groups.stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse(""));
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5));
    }

    /** Starts a turn that never ends, once the CLI has begun it. */
    private static void hang(AgentConnection connection, String turnId) throws InterruptedException {
        CountDownLatch begun = new CountDownLatch(1);
        connection.startTurn(new TurnInput(turnId, "hang"), new RecordingTurnListener(event -> begun.countDown()));
        if (!begun.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the hanging turn " + turnId + " did not begin");
        }
    }

    private static SessionSpec spec(String id, String uuid, Path workDir) {
        return new SessionSpec(SessionId.of(id), "default", uuid, workDir, false, Optional.empty(), List.of(),
                List.of());
    }
}
