package dev.hotplex.provider.claude.internal.session;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.provider.process.ExitStatus;
import dev.hotplex.provider.process.LineHandler;
import dev.hotplex.provider.claude.internal.wire.ClaudeInputEncoder;
import dev.hotplex.provider.claude.internal.wire.ClaudeLineDecoder;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage;
import dev.hotplex.provider.claude.internal.wire.TurnStep;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The CLI's stdout, on the one thread that reads it: decodes each line and routes it. The answer to our
 * {@code initialize} makes the connection ready; {@code can_use_tool} becomes a permission request whose
 * tool input is kept for the answer (none running: denied at once); other control request subtypes get an
 * error reply so the CLI never waits; {@code control_cancel_request} withdraws a pending request; the rest
 * goes through the running turn's mapper to its listener, and a {@code result} completes the turn. When
 * stdout ends, a running turn completes as PROCESS_DIED.
 */
final class ClaudeOutput implements LineHandler {
    private static final System.Logger LOG = System.getLogger(ClaudeOutput.class.getName());
    static final String STOPPED_BY_HOTPLEX = "closed by hotplex";

    private final long pid;
    private final ClaudeLineDecoder decoder;
    private final ClaudeInputEncoder encoder;
    private final TurnSlot slot;
    private final Consumer<String> reply;
    private final String initializeRequestId;
    private final CompletableFuture<Void> ready;
    private final CompletableFuture<ExitStatus> exited;

    /**
     * @param reply   queues a line for the CLI's stdin without waiting
     * @param ready   completed when the CLI answered {@code initializeRequestId}; failed if it ended first
     * @param exited  completed when the process ended and a running turn was completed
     */
    ClaudeOutput(long pid, ClaudeLineDecoder decoder, ClaudeInputEncoder encoder, TurnSlot slot, Consumer<String> reply,
                 String initializeRequestId, CompletableFuture<Void> ready, CompletableFuture<ExitStatus> exited) {
        this.pid = pid;
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.encoder = requireNonNull(encoder, "encoder is null");
        this.slot = requireNonNull(slot, "slot is null");
        this.reply = requireNonNull(reply, "reply is null");
        this.initializeRequestId = requireNonNull(initializeRequestId, "initializeRequestId is null");
        this.ready = requireNonNull(ready, "ready is null");
        this.exited = requireNonNull(exited, "exited is null");
    }

    @Override
    public void line(String text) {
        switch (decoder.decode(text)) {
            case ClaudeMessage.ControlResponse response when response.requestId().equals(initializeRequestId) -> {
                if (!response.success()) {
                    LOG.log(System.Logger.Level.WARNING, "Claude process {0} answered initialize with an error: {1}",
                            pid, response.error().orElse("no reason"));
                }
                ready.complete(null);
            }
            case ClaudeMessage.CanUseTool request -> askPermission(request);
            case ClaudeMessage.OtherControlRequest request -> {
                reply.accept(encoder.controlError(request.requestId(),
                        "hotplex does not handle control requests of subtype '" + request.subtype() + "'"));
                toTurn(request);
            }
            case ClaudeMessage.ControlCancelRequest cancel -> {
                slot.active().ifPresent(turn -> turn.dropPendingPermission(cancel.requestId()));
                toTurn(cancel);
            }
            case ClaudeMessage message -> toTurn(message);
        }
    }

    @Override
    public void skipped(long bytes, String head) {
        String description = "skipped a stdout line of " + bytes + " bytes (over the line size limit); it began: " + head;
        LOG.log(System.Logger.Level.WARNING, "Claude process {0}: {1}", pid, description);
        slot.active().ifPresent(turn -> turn.report(new AgentEvent.Raw("malformed", description)));
    }

    @Override
    public void ended(ExitStatus status) {
        TurnSlot.Ending ending = slot.end(status);
        ready.completeExceptionally(new IllegalStateException(status.describeCode()));
        ending.turn().ifPresent(turn -> turn.complete(
                TurnCompletion.failure(TurnCompletion.Status.PROCESS_DIED, deathMessage(status, ending.closing()))));
        LOG.log(System.Logger.Level.DEBUG, "Claude process {0} ended: {1}", pid, status.describe());
        exited.complete(status);
    }

    private void askPermission(ClaudeMessage.CanUseTool request) {
        Optional<RunningTurn> turn = slot.active();
        if (turn.isEmpty()) {
            reply.accept(encoder.permissionAnswer(request.requestId(), PermissionDecision.denied("no turn is running"),
                    request.input()));
            return;
        }
        turn.get().expectPermissionAnswer(request.requestId(), request.input());
        deliver(turn.get(), turn.get().map(request));
    }

    private void toTurn(ClaudeMessage message) {
        Optional<RunningTurn> turn = slot.active();
        if (turn.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "no turn runs on Claude process {0}; dropping {1}", pid,
                    message.getClass().getSimpleName());
            return;
        }
        deliver(turn.get(), turn.get().map(message));
    }

    private void deliver(RunningTurn turn, TurnStep step) {
        step.events().forEach(turn::report);
        step.completion().ifPresent(completion -> {
            slot.release(turn);
            turn.complete(completion);
        });
    }

    private String deathMessage(ExitStatus status, boolean closing) {
        Optional<String> why = status.stopReason().or(() -> closing ? Optional.of(STOPPED_BY_HOTPLEX) : Optional.empty());
        if (why.isPresent()) {
            return "the Claude process " + pid + " was stopped (" + why.get() + ", " + status.describeCode() + ")";
        }
        return "the Claude process " + pid + " exited during the turn with " + status.describe();
    }
}
