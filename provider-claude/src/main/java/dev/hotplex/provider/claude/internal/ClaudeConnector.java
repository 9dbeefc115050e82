package dev.hotplex.provider.claude.internal;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.provider.process.ChildProcess;
import dev.hotplex.provider.process.Confinement;
import dev.hotplex.provider.process.ExitStatus;
import dev.hotplex.provider.process.LaunchRequest;
import dev.hotplex.provider.process.ProcessLauncher;
import dev.hotplex.provider.claude.internal.session.ClaudeConnection;
import dev.hotplex.provider.claude.internal.wire.ClaudeWireCodec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Opens a session's connection: resolves the binary, builds the command line, launches the process in
 * its own group and waits for the {@code initialize} handshake. A process that exits or stays silent
 * instead is ended at once, and the failure says why, with the end of its stderr.
 *
 * <p>Each session gets its own {@code CLAUDE_CONFIG_DIR} ({@link ClaudeConfigDirs}) and, when the launcher
 * has a sandbox, sees only that config dir and its work dir writable (the sandbox keeps the binary visible), and
 * neither the engine's config dir root (other tenants' transcripts, the operator's credentials) nor the
 * process-group records in {@code hiddenDirs}.
 */
public final class ClaudeConnector {
    private static final System.Logger LOG = System.getLogger(ClaudeConnector.class.getName());
    /** How long a turn's line may take to get into the CLI's stdin before the process counts as stuck. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    /** A process that failed to start is of no use: it gets little time before SIGKILL. */
    private static final Duration FAILED_START_GRACE = Duration.ofMillis(500);
    private static final int STDERR_TAIL_BYTES = 8 * 1024;

    private final ProcessLauncher launcher;
    private final ClaudeWireCodec codec;
    private final ClaudeCommandLine commandLine;
    private final ClaudeBinary binary;
    private final Map<String, String> environment;
    private final ClaudeConfigDirs configDirs;
    private final List<Path> hiddenDirs;
    private final int maxLineBytes;
    private final Duration startupTimeout;

    public ClaudeConnector(ProcessLauncher launcher, ClaudeWireCodec codec, ClaudeCommandLine commandLine,
                           ClaudeBinary binary, Map<String, String> environment, ClaudeConfigDirs configDirs,
                           List<Path> hiddenDirs, int maxLineBytes, Duration startupTimeout) {
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.commandLine = requireNonNull(commandLine, "commandLine is null");
        this.binary = requireNonNull(binary, "binary is null");
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        this.configDirs = requireNonNull(configDirs, "configDirs is null");
        this.hiddenDirs = List.copyOf(requireNonNull(hiddenDirs, "hiddenDirs is null"));
        this.maxLineBytes = maxLineBytes;
        this.startupTimeout = requireNonNull(startupTimeout, "startupTimeout is null");
    }

    /** A ready connection (the CLI answered); {@code PROCESS_START_FAILED} otherwise (or {@code PROVIDER_UNAVAILABLE} without a binary), with no process left. */
    public ClaudeConnection open(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        // no binary is not a failed start but a missing provider: the operator has to install it
        Path executable = binary.resolve(StandardErrorCode.PROVIDER_UNAVAILABLE);
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(commandLine.arguments(spec));
        Path configDir = configDirs.create(spec);
        Map<String, String> sessionEnvironment = new HashMap<>(environment);
        sessionEnvironment.put("CLAUDE_CONFIG_DIR", configDir.toString());
        List<Path> hidden = new ArrayList<>(hiddenDirs);
        hidden.add(configDirs.root());
        Confinement confinement = new Confinement(List.of(configDir), List.of(), hidden);
        long started = System.nanoTime();
        ChildProcess child = launcher.launch(new LaunchRequest(command, spec.workDir(), sessionEnvironment,
                maxLineBytes, STDERR_TAIL_BYTES, confinement));
        ClaudeConnection connection = ClaudeConnection.start(child, codec, WRITE_TIMEOUT);
        Optional<String> failure = connection.awaitReady(startupTimeout);
        if (failure.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "Claude process {0} for session {1} ready after {2} ms ({3})",
                    child.pid(), spec.sessionId(), Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    spec.resume() ? "resumed" : "new conversation");
            return connection;
        }
        connection.close(FAILED_START_GRACE);
        String stderr = connection.exitStatus().map(ExitStatus::stderrTail).orElseGet(child::stderrTail);
        throw new HotplexException(StandardErrorCode.PROCESS_START_FAILED,
                failure.get() + (stderr.isEmpty() ? "" : "; stderr: " + stderr));
    }
}
