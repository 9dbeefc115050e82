package dev.hotplex.provider.codex.internal;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.provider.codex.internal.session.CodexConnection;
import dev.hotplex.provider.codex.internal.session.Pricing;
import dev.hotplex.provider.codex.internal.wire.CodexEncoder;
import dev.hotplex.provider.codex.internal.wire.CodexWire;
import dev.hotplex.provider.codex.internal.wire.ThreadSettings;
import dev.hotplex.provider.process.ChildProcess;
import dev.hotplex.provider.process.Confinement;
import dev.hotplex.provider.process.ExitStatus;
import dev.hotplex.provider.process.LaunchRequest;
import dev.hotplex.provider.process.ProcessLauncher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

import static java.util.Objects.requireNonNull;

/**
 * Opens a session's connection: launches {@code codex app-server} in its own process group, performs the
 * handshake and starts the session's thread, or resumes the one recorded for it. A process that exits or
 * stays silent instead is ended at once, and the failure says why, with the end of its stderr.
 *
 * <p>Each session gets its own {@code CODEX_HOME} ({@link CodexHome}: the tenant's, the session's or the engine's).
 * When the launcher has a sandbox, the process sees its work dir and that home writable (created first: the
 * read-only root keeps Codex from creating it), and none of {@code hiddenDirs} (the provider's state dir) nor, with
 * homes per tenant or session, the base home with the other homes, on top of the deployment's sandbox settings.
 */
public final class CodexConnector {
    private static final System.Logger LOG = System.getLogger(CodexConnector.class.getName());
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FAILED_START_GRACE = Duration.ofMillis(500);
    private static final int STDERR_TAIL_BYTES = 8 * 1024;
    private static final String CLIENT_VERSION = "0.1.0";

    private final ProcessLauncher launcher;
    private final CodexWire wire;
    private final CodexBinary binary;
    private final Map<String, String> environment;
    private final ThreadSettings settings;
    private final ThreadIds threads;
    private final CodexHome home;
    private final List<Path> hiddenDirs;
    private final Pricing pricing;
    private final int maxLineBytes;
    private final Duration startupTimeout;

    public CodexConnector(ProcessLauncher launcher, CodexWire wire, CodexBinary binary, Map<String, String> environment,
                          ThreadSettings settings, ThreadIds threads, CodexHome home, List<Path> hiddenDirs,
                          Pricing pricing, int maxLineBytes, Duration startupTimeout) {
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.wire = requireNonNull(wire, "wire is null");
        this.binary = requireNonNull(binary, "binary is null");
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        this.settings = requireNonNull(settings, "settings is null");
        this.threads = requireNonNull(threads, "threads is null");
        this.home = requireNonNull(home, "home is null");
        this.hiddenDirs = List.copyOf(requireNonNull(hiddenDirs, "hiddenDirs is null"));
        this.pricing = requireNonNull(pricing, "pricing is null");
        this.maxLineBytes = maxLineBytes;
        this.startupTimeout = requireNonNull(startupTimeout, "startupTimeout is null");
    }

    /** The state dirs and, when sessions get homes of their own, the base home with every other one. */
    private List<Path> hidden() {
        List<Path> hidden = new ArrayList<>(hiddenDirs);
        if (home.separates()) {
            home.dir().ifPresent(hidden::add);
        }
        return hidden;
    }

    /** A connection whose thread is ready; {@code PROCESS_START_FAILED} otherwise, with no process left. */
    public CodexConnection open(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        Path executable = binary.resolve();
        Optional<String> resumeThread = spec.resume() ? threads.find(spec.providerSessionId()) : Optional.empty();
        Optional<Path> sessionHome = home.create(spec);
        Map<String, String> sessionEnvironment = new HashMap<>(environment);
        sessionHome.ifPresent(dir -> sessionEnvironment.put("CODEX_HOME", dir.toString()));
        Confinement confinement = launcher.sandbox().confines()
                ? new Confinement(sessionHome.stream().toList(), List.of(), hidden()) : Confinement.nothingMore();
        long started = System.nanoTime();
        ChildProcess child = launcher.launch(new LaunchRequest(List.of(executable.toString(), "app-server"),
                spec.workDir(), sessionEnvironment, maxLineBytes, STDERR_TAIL_BYTES, confinement));
        CodexConnection connection = CodexConnection.start(child, wire.encoder(), wire.newDecoder(), WRITE_TIMEOUT,
                settings.model(), pricing);
        CodexEncoder encoder = wire.encoder();
        LongFunction<String> threadRequest = resumeThread
                .<LongFunction<String>>map(thread -> id -> encoder.threadResume(id, thread, settings, spec.workDir()))
                .orElse(id -> encoder.threadStart(id, settings, spec.workDir(), spec.systemPrompt()));
        CodexConnection.HandshakeResult result = connection.handshake(threadRequest, CLIENT_VERSION, startupTimeout);
        if (result.failure().isEmpty()) {
            String threadId = result.threadId().orElseThrow();
            threads.remember(spec.providerSessionId(), threadId);
            LOG.log(System.Logger.Level.DEBUG, "Codex process {0} for session {1} ready after {2} ms (thread {3}, {4})",
                    child.pid(), spec.sessionId(), Duration.ofNanos(System.nanoTime() - started).toMillis(), threadId,
                    resumeThread.isPresent() ? "resumed" : "new");
            return connection;
        }
        connection.close(FAILED_START_GRACE);
        String stderr = connection.exitStatus().map(ExitStatus::stderrTail).orElseGet(child::stderrTail);
        throw new HotplexException(StandardErrorCode.PROCESS_START_FAILED,
                result.failure().get() + (stderr.isEmpty() ? "" : "; stderr: " + stderr));
    }
}
