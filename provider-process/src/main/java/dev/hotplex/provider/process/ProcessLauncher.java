package dev.hotplex.provider.process;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Starts a command as the leader of a new process group: through {@code setsid} (util-linux), which
 * calls {@code setsid(2)} and then execs the command, so the pid stays the same and pid = pgid. That is
 * what lets {@link ProcessGroupKiller} end the command with everything it spawned. Argument list only,
 * never a shell; explicit work dir; the environment is exactly the request's. Every child is registered
 * with the {@link LiveProcessRegistry} (and so recorded on disk) before it is handed out.
 *
 * <p>With a {@link Sandbox}, the command runs confined: {@code setsid bwrap ... -- <command>}. bwrap is then
 * the group leader and everything it starts stays in its group, so the group kill, the {@code /proc} check,
 * the on-disk records and the orphan reaper work unchanged.
 */
public final class ProcessLauncher {
    private static final List<String> SETSID_PATHS = List.of("/usr/bin/setsid", "/bin/setsid");
    /** setsid(2) runs right after exec; until it did, the child is still in the JVM's group. */
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(5);
    private static final String SHUTTING_DOWN = "hotplex is shutting down; no new agent processes are started";

    private final LiveProcessRegistry registry;
    private final Sandbox sandbox;
    private final ProcessGroupKiller killer;
    private final List<String> setsidPaths;
    private final Optional<String> enginePath;

    /** Unconfined launches ({@link Sandbox#none()}). */
    public ProcessLauncher(LiveProcessRegistry registry) {
        this(registry, Sandbox.none());
    }

    /** Every command confined by {@code sandbox} (see {@link SandboxSelector}). */
    public ProcessLauncher(LiveProcessRegistry registry, Sandbox sandbox) {
        this(registry, sandbox, ProcessGroupKiller.system(), SETSID_PATHS, Optional.ofNullable(System.getenv("PATH")));
    }

    /** {@code setsidPaths} are tried first, then {@code setsid} on {@code enginePath}. */
    ProcessLauncher(LiveProcessRegistry registry, Sandbox sandbox, ProcessGroupKiller killer, List<String> setsidPaths,
                    Optional<String> enginePath) {
        this.registry = requireNonNull(registry, "registry is null");
        this.sandbox = requireNonNull(sandbox, "sandbox is null");
        this.killer = requireNonNull(killer, "killer is null");
        this.setsidPaths = List.copyOf(requireNonNull(setsidPaths, "setsidPaths is null"));
        this.enginePath = requireNonNull(enginePath, "enginePath is null");
    }

    /** Starts the request's command; {@code PROCESS_START_FAILED} when it cannot. */
    public ChildProcess launch(LaunchRequest request) {
        requireNonNull(request, "request is null");
        Path setsid = setsid().orElseThrow(() -> failed("setsid was not found in " + setsidPaths + " or on PATH; "
                + "hotplex needs it (util-linux) to give each agent process a process group of its own"));
        if (registry.isClosed()) {
            throw failed(SHUTTING_DOWN);
        }
        if (!killer.table().available()) {
            throw failed("this system has no readable /proc; hotplex supervises process groups through it (Linux only)");
        }
        if (!Files.isDirectory(request.workDir())) {
            throw failed("the work dir " + request.workDir() + " does not exist");
        }
        List<String> argv = new ArrayList<>();
        argv.add(setsid.toString());
        argv.addAll(sandbox.confine(request.command(), request.workDir(), request.confinement()));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(request.workDir().toFile());
        builder.environment().clear();
        builder.environment().putAll(request.environment());
        Process process;
        try {
            process = registry.spawn(builder);
        } catch (IOException e) {
            throw new HotplexException(StandardErrorCode.PROCESS_START_FAILED,
                    "cannot start " + request.command().getFirst() + ": " + e.getMessage(), e);
        }
        if (!killer.awaitGroupLeader(process.pid(), System.nanoTime() + LEADER_TIMEOUT.toNanos())) {
            process.destroyForcibly();
            throw failed(request.command().getFirst() + " did not become a process group leader within "
                    + LEADER_TIMEOUT.toMillis() + " ms");
        }
        String name = Path.of(request.command().getFirst()).getFileName() + "-" + process.pid();
        ChildProcess child = new ChildProcess(process, name, request.maxLineBytes(), request.stderrTailBytes(), killer);
        if (!registry.register(child, request.command().getFirst())) {
            child.terminate(Duration.ZERO, Optional.of("hotplex is shutting down"));
            throw failed(SHUTTING_DOWN);
        }
        return child;
    }

    /** What confines the commands this launcher starts. */
    public Sandbox sandbox() {
        return sandbox;
    }

    private Optional<Path> setsid() {
        return setsidPaths.stream()
                .map(path -> ExecutableLookup.find(path, Optional.empty()))
                .flatMap(Optional::stream)
                .findFirst()
                .or(() -> ExecutableLookup.find("setsid", enginePath));
    }

    private static HotplexException failed(String message) {
        return new HotplexException(StandardErrorCode.PROCESS_START_FAILED, message);
    }
}
