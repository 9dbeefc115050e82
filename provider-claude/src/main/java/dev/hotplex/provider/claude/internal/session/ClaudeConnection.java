package dev.hotplex.provider.claude.internal.session;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnInput;
import dev.hotplex.core.port.out.TurnListener;
import dev.hotplex.provider.process.ChildProcess;
import dev.hotplex.provider.process.ExitStatus;
import dev.hotplex.provider.claude.internal.wire.ClaudeInputEncoder;
import dev.hotplex.provider.claude.internal.wire.ClaudeWireCodec;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * One hot {@code claude -p --input-format stream-json ...} process as an {@link AgentConnection}.
 *
 * <p>The child's stdout thread ({@link ClaudeOutput}) decodes lines and, normally, is the only thread that
 * talks to listeners: events in order, then the completion at the turn's {@code result}, or PROCESS_DIED
 * when stdout ends first (the process exited, crashed or was closed). Writes to stdin go through the
 * child's writer thread; only {@link #startTurn} waits for its write (bounded), so that a dead process is
 * reported at once.
 */
public final class ClaudeConnection implements AgentConnection {
    private static final System.Logger LOG = System.getLogger(ClaudeConnection.class.getName());
    /** After the group is gone, how long stdout may take to end before close() completes the turn itself. */
    private static final Duration END_AFTER_CLOSE = Duration.ofSeconds(5);
    private static final Duration LATE_COMPLETION_WAIT = Duration.ofSeconds(1);

    private final ChildProcess child;
    private final ClaudeInputEncoder encoder;
    private final Duration writeTimeout;
    private final TurnSlot slot;
    private final AtomicLong requestCounter = new AtomicLong();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<ExitStatus> exited = new CompletableFuture<>();

    private ClaudeConnection(ChildProcess child, ClaudeInputEncoder encoder, Duration writeTimeout) {
        this.child = requireNonNull(child, "child is null");
        this.encoder = requireNonNull(encoder, "encoder is null");
        this.writeTimeout = requireNonNull(writeTimeout, "writeTimeout is null");
        this.slot = new TurnSlot(child.pid());
    }

    /**
     * Starts reading the child's stdout, then sends the {@code initialize} handshake (the CLI prints
     * nothing before its first input line). Follow with {@link #awaitReady}.
     */
    public static ClaudeConnection start(ChildProcess child, ClaudeWireCodec codec, Duration writeTimeout) {
        requireNonNull(codec, "codec is null");
        ClaudeConnection connection = new ClaudeConnection(child, codec.encoder(), writeTimeout);
        String initializeRequestId = "hotplex-initialize-" + child.pid();
        child.readStdout(new ClaudeOutput(child.pid(), codec.decoder(), codec.encoder(), connection.slot,
                connection::send, initializeRequestId, connection.ready, connection.exited));
        connection.send(codec.encoder().initialize(initializeRequestId));
        return connection;
    }

    /**
     * Waits until the CLI answered the handshake. Empty when it did ("ready means the CLI answered, not
     * that a pid exists"); otherwise why not: it exited first, or stayed silent for {@code timeout}.
     */
    public Optional<String> awaitReady(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        try {
            ready.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of("Claude did not answer the initialize handshake within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Optional.of("Claude exited before it answered the initialize handshake (" + e.getCause().getMessage()
                    + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while waiting for Claude to start");
        }
    }

    /** How the process ended, once stdout and stderr were read to their end. */
    public Optional<ExitStatus> exitStatus() {
        return Optional.ofNullable(exited.getNow(null));
    }

    /** Completes with the exit status once the process group is gone and a running turn was completed. */
    public CompletableFuture<ExitStatus> exited() {
        return exited.copy();
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.of(child.pid());
    }

    @Override
    public void startTurn(TurnInput input, TurnListener listener) {
        requireNonNull(input, "input is null");
        requireNonNull(listener, "listener is null");
        String line = encoder.userTurn(input);
        RunningTurn turn = new RunningTurn(input.turnId(), listener);
        if (!ready.isDone()) {
            throw new IllegalStateException("the Claude process " + child.pid() + " has not answered yet");
        }
        slot.occupy(turn);
        Optional<String> failure = child.sendWithin(line, writeTimeout);
        if (failure.isPresent() && slot.withdraw(turn)) {
            throw new HotplexException(StandardErrorCode.PROCESS_DIED,
                    "cannot write the turn to the stdin of Claude process " + child.pid() + ": " + failure.get());
        }
    }

    /** Asks the CLI to end the running turn; it answers, then ends the turn with an aborted result. */
    @Override
    public void interrupt() {
        if (slot.active().isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "no turn runs on Claude process {0}; nothing to interrupt", child.pid());
            return;
        }
        send(encoder.interrupt("hotplex-interrupt-" + requestCounter.incrementAndGet()));
    }

    @Override
    public void answerPermission(String requestId, PermissionDecision decision) {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(decision, "decision is null");
        Optional<Map<String, Object>> toolInput = slot.active().flatMap(turn -> turn.takePendingPermission(requestId));
        if (toolInput.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "no permission request {0} is pending on Claude process {1} "
                    + "(answered, withdrawn or from an ended turn); ignoring the answer", requestId, child.pid());
            return;
        }
        send(encoder.permissionAnswer(requestId, decision, toolInput.get()));
    }

    @Override
    public boolean isAlive() {
        return slot.takesTurns() && child.isAlive();
    }

    /**
     * Ends the process group (stdin closed, SIGTERM, SIGKILL after {@code grace}) and returns once it is
     * gone. From the start of the close on, the CLI's output is ignored and a running turn completes as
     * PROCESS_DIED when stdout ends. Idempotent.
     */
    @Override
    public void close(Duration grace) {
        requireNonNull(grace, "grace is null");
        slot.startClosing();
        child.terminate(grace, Optional.of(ClaudeOutput.STOPPED_BY_HOTPLEX));
        try {
            exited.get(END_AFTER_CLOSE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // something outside the process group (it called setsid itself) still holds stdout open
            LOG.log(System.Logger.Level.WARNING, "stdout of Claude process {0} is still open after its process group "
                    + "ended; completing its turn without waiting", child.pid());
            completeWithoutReader();
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.ERROR, "the end of Claude process " + child.pid() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ClaudeConnection[pid=" + child.pid() + ", alive=" + isAlive() + "]";
    }

    private void completeWithoutReader() {
        slot.takeRunning().ifPresent(turn -> {
            TurnCompletion died = TurnCompletion.failure(TurnCompletion.Status.PROCESS_DIED,
                    "the Claude process " + child.pid() + " was stopped (" + ClaudeOutput.STOPPED_BY_HOTPLEX + ")");
            if (!turn.tryComplete(died, LATE_COMPLETION_WAIT)) {
                LOG.log(System.Logger.Level.WARNING, "the listener of turn {0} is busy; it gets its completion when "
                        + "stdout of Claude process {1} ends", turn.turnId(), child.pid());
            }
        });
    }

    private void send(String line) {
        child.send(line).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.DEBUG, "writing to Claude process {0} failed: {1}", child.pid(),
                        failure.toString());
            }
        });
    }
}
