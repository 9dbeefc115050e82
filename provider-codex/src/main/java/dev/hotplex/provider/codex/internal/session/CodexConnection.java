package dev.hotplex.provider.codex.internal.session;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.ProviderTotals;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnInput;
import dev.hotplex.core.port.out.TurnListener;
import dev.hotplex.provider.codex.internal.wire.CodexDecoder;
import dev.hotplex.provider.codex.internal.wire.CodexEncoder;
import dev.hotplex.provider.codex.internal.wire.Inbound;
import dev.hotplex.provider.process.ChildProcess;
import dev.hotplex.provider.process.ExitStatus;
import dev.hotplex.provider.process.LineHandler;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

import static java.util.Objects.requireNonNull;

/**
 * One hot {@code codex app-server} process serving one session's thread, as an {@link AgentConnection}.
 *
 * <p>The child's stdout thread decodes every line and is, normally, the only thread that talks to the turn's
 * listener: events in order, then the completion at {@code turn/completed}, or PROCESS_DIED when stdout ends
 * first. Approval requests become {@link AgentEvent.PermissionRequest}s that the engine judges and answers
 * through {@link #answerPermission}; one arriving outside a turn, or left when the turn ends, is declined, so
 * Codex never waits on hotplex.
 */
public final class CodexConnection implements AgentConnection {
    private static final System.Logger LOG = System.getLogger(CodexConnection.class.getName());
    static final String STOPPED_BY_HOTPLEX = "stopped by hotplex";
    /** After the group is gone, how long stdout may take to end before close() completes the turn itself. */
    private static final Duration END_AFTER_CLOSE = Duration.ofSeconds(5);

    private final ChildProcess child;
    private final CodexEncoder encoder;
    private final CodexDecoder decoder;
    private final Duration writeTimeout;
    private final Optional<String> model;
    private final Pricing pricing;
    private final PendingRequests requests = new PendingRequests();
    private final AtomicReference<CodexTurn> running = new AtomicReference<>();
    private final CompletableFuture<ExitStatus> exited = new CompletableFuture<>();
    private volatile String threadId;
    private volatile TokenUsage threadTotal = TokenUsage.ZERO;
    private volatile boolean closing;
    private volatile String threadModel;
    /** This process's tokens over its finished turns: priced, they are the running totals the engine diffs. */
    private volatile TokenUsage processTokens = TokenUsage.ZERO;

    private CodexConnection(ChildProcess child, CodexEncoder encoder, CodexDecoder decoder, Duration writeTimeout,
                            Optional<String> model, Pricing pricing) {
        this.child = requireNonNull(child, "child is null");
        this.encoder = requireNonNull(encoder, "encoder is null");
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.writeTimeout = requireNonNull(writeTimeout, "writeTimeout is null");
        this.model = requireNonNull(model, "model is null");
        this.pricing = requireNonNull(pricing, "pricing is null");
    }

    /** Starts reading the child's stdout; follow with {@link #handshake}. */
    public static CodexConnection start(ChildProcess child, CodexEncoder encoder, CodexDecoder decoder,
                                        Duration writeTimeout, Optional<String> model, Pricing pricing) {
        CodexConnection connection = new CodexConnection(child, encoder, decoder, writeTimeout, model, pricing);
        child.readStdout(connection.new Output());
        return connection;
    }

    /**
     * {@code initialize}, {@code initialized}, then {@code threadRequest} (a {@code thread/start} or
     * {@code thread/resume} built for the id it is given); returns the thread id, or why there is none.
     */
    public HandshakeResult handshake(LongFunction<String> threadRequest, String clientVersion, Duration timeout) {
        requireNonNull(threadRequest, "threadRequest is null");
        long deadline = System.nanoTime() + timeout.toNanos();
        PendingRequests.Request initialize = requests.open();
        writeLine(encoder.initialize(initialize.id(), clientVersion));
        HandshakeResult first = await(initialize.response(), deadline, "the initialize handshake");
        if (first.failure().isPresent()) {
            return first;
        }
        writeLine(encoder.initialized());
        PendingRequests.Request start = requests.open();
        writeLine(threadRequest.apply(start.id()));
        HandshakeResult thread = await(start.response(), deadline, "the thread request");
        if (thread.failure().isEmpty() && thread.threadId().isEmpty()) {
            return new HandshakeResult(Optional.empty(), Optional.empty(),
                    Optional.of("Codex answered the thread request without an id"));
        }
        thread.threadId().ifPresent(id -> threadId = id);
        thread.model().ifPresent(name -> threadModel = name);
        return thread;
    }

    private static HandshakeResult await(CompletableFuture<Inbound.Response> response, long deadline, String what) {
        String failure;
        try {
            Inbound.Response answer = response.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new HandshakeResult(answer.threadId(), answer.model(),
                    answer.error().map(error -> "Codex refused " + what + ": " + error));
        } catch (TimeoutException e) {
            failure = "Codex did not answer " + what + " in time";
        } catch (ExecutionException e) {
            failure = "Codex exited before it answered " + what + " (" + e.getCause().getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted while waiting for Codex to answer " + what;
        }
        return new HandshakeResult(Optional.empty(), Optional.empty(), Optional.of(failure));
    }

    /** The handshake's outcome: the thread id (and its model), or why there is none. */
    public record HandshakeResult(Optional<String> threadId, Optional<String> model, Optional<String> failure) {
        public HandshakeResult {
            requireNonNull(threadId, "threadId is null");
            requireNonNull(model, "model is null");
            requireNonNull(failure, "failure is null");
        }
    }

    /** How the process ended, once stdout and stderr were read to their end. */
    public Optional<ExitStatus> exitStatus() {
        return Optional.ofNullable(exited.getNow(null));
    }

    public Optional<String> threadId() {
        return Optional.ofNullable(threadId);
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.of(child.pid());
    }

    @Override
    public void startTurn(TurnInput input, TurnListener listener) {
        requireNonNull(input, "input is null");
        requireNonNull(listener, "listener is null");
        if (threadId == null) {
            throw new IllegalStateException("the Codex process " + child.pid() + " has no thread yet");
        }
        if (!isAlive()) {
            throw new HotplexException(StandardErrorCode.PROCESS_DIED, "the Codex process " + child.pid()
                    + " is gone" + exitStatus().map(status -> " (" + status.describe() + ")").orElse(""));
        }
        CodexTurn turn = new CodexTurn(input.turnId(), listener, threadTotal);
        if (!running.compareAndSet(null, turn)) {
            throw new IllegalStateException("a turn already runs on Codex process " + child.pid());
        }
        PendingRequests.Request request = requests.open();
        request.response().whenComplete((response, failure) -> {
            if (response != null && response.error().isPresent()) {
                finish(turn, TurnCompletion.failure(TurnCompletion.Status.FAILED,
                        "Codex refused the turn: " + response.error().get()));
            } else if (response != null) {
                response.turnId().ifPresent(id -> turnKnown(turn, id));
            }
        });
        Optional<String> failure = child.sendWithin(encoder.turnStart(request.id(), threadId, input.prompt()) + "\n",
                writeTimeout);
        if (failure.isPresent() && running.compareAndSet(turn, null)) {
            throw new HotplexException(StandardErrorCode.PROCESS_DIED,
                    "cannot write the turn to the stdin of Codex process " + child.pid() + ": " + failure.get());
        }
    }

    /** Sends {@code turn/interrupt} (at once, or as soon as Codex named the turn); pending approvals are declined. */
    @Override
    public void interrupt() {
        CodexTurn turn = running.get();
        if (turn == null) {
            return;
        }
        turn.requestInterrupt();
        turn.drainApprovals().values().forEach(rpcId -> send(encoder.approval(rpcId, false)));
        turn.codexTurnId().ifPresent(id -> sendInterrupt(id));
    }

    @Override
    public void answerPermission(String requestId, PermissionDecision decision) {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(decision, "decision is null");
        Optional<String> rpcId = Optional.ofNullable(running.get()).flatMap(turn -> turn.takeApproval(requestId));
        if (rpcId.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "no approval {0} is pending on Codex process {1}; ignoring the answer",
                    requestId, child.pid());
            return;
        }
        send(encoder.approval(rpcId.get(), decision.allow()));
    }

    @Override
    public boolean isAlive() {
        return !closing && child.isAlive() && !exited.isDone();
    }

    /**
     * Ends the process group (stdin closed, SIGTERM, SIGKILL after {@code grace}) and returns once it is gone;
     * a running turn completes as PROCESS_DIED. Idempotent.
     */
    @Override
    public void close(Duration grace) {
        requireNonNull(grace, "grace is null");
        closing = true;
        child.terminate(grace, Optional.of(STOPPED_BY_HOTPLEX));
        try {
            exited.get(END_AFTER_CLOSE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "stdout of Codex process {0} is still open after its process group "
                    + "ended; completing its turn without waiting", child.pid());
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.ERROR, "the end of Codex process " + child.pid() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CodexTurn turn = running.getAndSet(null);
        if (turn != null) {
            turn.complete(TurnCompletion.failure(TurnCompletion.Status.PROCESS_DIED,
                    "the Codex process " + child.pid() + " was " + STOPPED_BY_HOTPLEX));
        }
    }

    @Override
    public String toString() {
        return "CodexConnection[pid=" + child.pid() + ", thread=" + threadId + ", alive=" + isAlive() + "]";
    }

    private void turnKnown(CodexTurn turn, String codexTurnId) {
        if (turn.codexTurnId().isPresent()) {
            return;
        }
        turn.codexTurnId(codexTurnId);
        if (turn.interruptRequested()) {
            sendInterrupt(codexTurnId);
        }
    }

    private void sendInterrupt(String codexTurnId) {
        send(encoder.turnInterrupt(requests.open().id(), threadId, codexTurnId));
    }

    private void finish(CodexTurn turn, TurnCompletion completion) {
        if (running.compareAndSet(turn, null)) {
            // an approval still open would stall Codex's next turn
            turn.drainApprovals().values().forEach(rpcId -> send(encoder.approval(rpcId, false)));
            turn.complete(completion);
        }
    }

    private TurnCompletion completion(CodexTurn turn, Inbound.TurnEnded ended) {
        TokenUsage tokens = threadTotal.since(turn.tokensAtStart());
        processTokens = processTokens.plus(tokens);
        Optional<String> turnModel = model.or(() -> Optional.ofNullable(threadModel));
        // no price, no cost: empty rather than invented
        ProviderTotals totals = new ProviderTotals(
                turnModel.flatMap(name -> pricing.cost(name, processTokens)), Map.of());
        return switch (ended.status()) {
            case "completed" -> new TurnCompletion(TurnCompletion.Status.SUCCESS, ended.lastAnswer(), tokens,
                    totals, turnModel, 1, Optional.empty());
            case "interrupted" -> new TurnCompletion(TurnCompletion.Status.INTERRUPTED, ended.lastAnswer(), tokens,
                    totals, turnModel, 1, Optional.of("interrupted"));
            default -> new TurnCompletion(TurnCompletion.Status.FAILED, ended.lastAnswer(), tokens,
                    totals, turnModel, 1, Optional.of(ended.error().or(turn::failure)
                    .orElse("Codex ended the turn as " + ended.status())));
        };
    }

    /** Queues one JSON line for stdin: app-server reads newline-terminated objects. */
    private CompletableFuture<Void> writeLine(String json) {
        return child.send(json + "\n");
    }

    private void send(String line) {
        writeLine(line).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.DEBUG, "writing to Codex process {0} failed: {1}", child.pid(),
                        failure.toString());
            }
        });
    }

    /** The stdout side, on the child's reader thread. */
    private final class Output implements LineHandler {
        private long malformed;

        @Override
        public void line(String text) {
            if (closing) {
                return;
            }
            CodexTurn turn = running.get();
            switch (decoder.decode(text)) {
                case Inbound.Response response -> {
                    if (!requests.answer(response)) {
                        LOG.log(System.Logger.Level.DEBUG, "Codex answered request {0}, which nobody waits for",
                                response.id());
                    }
                }
                case Inbound.Events events -> {
                    if (turn != null) {
                        events.events().forEach(turn::emit);
                    }
                }
                case Inbound.TurnStarted started -> {
                    if (turn != null) {
                        turnKnown(turn, started.turnId());
                    }
                }
                case Inbound.TokenTotals totals -> threadTotal = totals.total();
                case Inbound.TurnEnded ended -> {
                    // the end of an earlier turn (completed early on our side) must not end this one
                    if (turn != null && turn.codexTurnId().map(ended.turnId()::equals).orElse(true)) {
                        finish(turn, completion(turn, ended));
                    }
                }
                case Inbound.ErrorNotice notice -> {
                    if (turn != null && !notice.willRetry()) {
                        turn.failure(notice.message());
                    }
                }
                case Inbound.Approval approval -> approval(turn, approval);
                case Inbound.UnsupportedRequest request -> {
                    LOG.log(System.Logger.Level.WARNING, "Codex process {0} asked {1}, which hotplex does not handle; "
                            + "answered with an error", child.pid(), request.method());
                    send(encoder.unsupported(request.rpcId(), request.method()));
                }
                case Inbound.Ignored ignored -> {
                    // status changes, rate limits, warnings: nothing for the turn
                }
                case Inbound.Malformed bad -> {
                    malformed++;
                    LOG.log(System.Logger.Level.WARNING, "skipped a line of Codex process {0} ({1} so far): {2}",
                            child.pid(), malformed, bad.why());
                }
            }
        }

        private void approval(CodexTurn turn, Inbound.Approval approval) {
            if (turn == null || turn.interruptRequested()) {
                send(encoder.approval(approval.rpcId(), false));
                return;
            }
            String requestId = "codex-" + turn.turnId() + "-" + approval.rpcId().replace("\"", "");
            turn.addApproval(requestId, approval.rpcId());
            turn.emit(new AgentEvent.PermissionRequest(requestId, approval.call(), approval.reason()));
        }

        @Override
        public void skipped(long bytes, String head) {
            LOG.log(System.Logger.Level.WARNING, "skipped a {0}-byte line of Codex process {1}", bytes, child.pid());
        }

        @Override
        public void ended(ExitStatus status) {
            String why = status.stopReason().map(reason -> "the Codex process " + child.pid() + " was " + reason)
                    .orElseGet(() -> "the Codex process " + child.pid() + " exited (" + status.describe() + ")");
            requests.failAll(why);
            CodexTurn turn = running.getAndSet(null);
            if (turn != null) {
                turn.complete(TurnCompletion.failure(TurnCompletion.Status.PROCESS_DIED, why));
            }
            exited.complete(status);
        }
    }
}
