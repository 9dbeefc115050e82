package dev.hotplex.provider.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Run in a JVM of its own by {@link TestBubblewrapSandbox}: plays an engine that launches a sandboxed group whose
 * members ignore SIGTERM (one of them a grandchild), prints its pgid and waits to be killed with SIGKILL.
 * Args: the work dir.
 */
public final class SandboxedEngineProbe {
    private SandboxedEngineProbe() {
    }

    public static void main(String[] args) throws Exception {
        LiveProcessRegistry registry = new LiveProcessRegistry(Duration.ofMillis(300));
        Sandbox sandbox = new SandboxSelector().select(SandboxConfig.defaults().withMode(SandboxMode.BWRAP)).sandbox();
        ProcessLauncher launcher = new ProcessLauncher(registry, sandbox);
        // launched from a thread that ends at once: the children must survive it (see Spawner)
        CompletableFuture<ChildProcess> launched = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> launched.complete(launcher.launch(new LaunchRequest(
                List.of("/bin/bash", "-c", "trap '' TERM; (trap '' TERM; exec sleep 1000) & echo ready; wait"),
                Path.of(args[0]), Map.of("PATH", System.getenv("PATH")), 4096, 1024)))).join();
        ChildProcess child = launched.get(10, TimeUnit.SECONDS);
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
                ready.complete("ended " + status.describe());
            }
        });
        if (!"ready".equals(ready.get(20, TimeUnit.SECONDS))) {
            throw new IllegalStateException("the sandboxed group did not start: " + ready.get());
        }
        System.gc(); // let the launching thread's traces go; the group must still be there
        Thread.sleep(300);
        System.out.println(child.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
