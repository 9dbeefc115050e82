package dev.hotplex.provider.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many idle hot children must not starve the JVM's virtual threads. A pipe read blocks in a system call that pins
 * a virtual thread to its carrier, and the scheduler adds at most 256 carriers: with the pumps on virtual threads,
 * 130 idle children (260 blocked reads) froze every virtual thread of the engine, turns and HTTP requests alike.
 */
class TestManyIdlePipes {
    private static final int CHILDREN = 140;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private LiveProcessRegistry registry;
    private ProcessLauncher launcher;

    @BeforeEach
    void setUp() {
        registry = new LiveProcessRegistry(Duration.ofSeconds(2));
        launcher = new ProcessLauncher(registry);
    }

    @AfterEach
    void tearDown() {
        registry.close();
        assertThat(registry.liveGroups()).isEmpty();
    }

    @Test
    void virtualThreadsStillRunWhileHundredsOfPipesWaitForOutput() throws Exception {
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 0; i < CHILDREN; i++) {
            // a child that waits for stdin and writes nothing until then: both of its output pipes stay idle
            ChildProcess child = launcher.launch(new LaunchRequest(List.of("/bin/bash", "-c", "exec cat"),
                    dir, Map.of("PATH", System.getenv("PATH")), 64 * 1024, 1024));
            child.readStdout(new RecordingLineHandler());
            children.add(child);
        }

        CompletableFuture<String> ran = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> ran.complete("ran"));

        assertThat(ran.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("ran");
        assertThat(registry.liveGroups()).hasSize(CHILDREN);
        assertThat(children).allMatch(ChildProcess::isAlive);
    }
}
