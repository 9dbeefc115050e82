package dev.hotplex.provider.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Run in a JVM of its own by {@link TestLiveProcessRegistryShutdownHook}: starts a process group whose
 * members ignore SIGTERM, prints its pgid, and exits the JVM without closing anything, so that only the
 * registry's shutdown hook can end the group.
 */
public final class ShutdownHookProbe {
    private ShutdownHookProbe() {
    }

    public static void main(String[] args) throws Exception {
        LiveProcessRegistry registry = new LiveProcessRegistry(Duration.ofMillis(300));
        ChildProcess child = new ProcessLauncher(registry).launch(new LaunchRequest(
                List.of("/bin/bash", "-c", "trap '' TERM; (exec sleep 1000) & echo ready; wait"),
                Path.of(System.getProperty("java.io.tmpdir")), Map.of("PATH", System.getenv("PATH")), 4096, 1024));
        CompletableFuture<String> ready = new CompletableFuture<>();
        child.readStdout(new LineHandler() {
            @Override
            public void line(String text) {
                ready.complete(text);
            }

            @Override
            public void skipped(long bytes, String head) {
            }

            @Override
            public void ended(ExitStatus status) {
            }
        });
        ready.get(10, TimeUnit.SECONDS);
        System.out.println(child.pid());
        System.out.flush();
        System.exit(0);
    }
}
