package dev.hotplex.provider.claude.internal.session;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnListener;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage;
import dev.hotplex.provider.claude.internal.wire.TurnEventMapper;
import dev.hotplex.provider.claude.internal.wire.TurnStep;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * One turn on a connection. Maps the CLI's messages to events, keeps the input of each pending
 * permission request (allowing must echo it back), and talks to the listener under one lock, so calls
 * never overlap and nothing follows the single completion. A throwing listener is logged, not
 * propagated: it must not stop the connection from draining stdout.
 */
final class RunningTurn {
    private static final System.Logger LOG = System.getLogger(RunningTurn.class.getName());

    private final String turnId;
    private final TurnListener listener;
    private final TurnEventMapper mapper = new TurnEventMapper();
    private final Map<String, Map<String, Object>> pendingPermissions = new ConcurrentHashMap<>();
    private final ReentrantLock delivery = new ReentrantLock();
    private boolean completed; // guarded by delivery
    private volatile boolean reported;

    RunningTurn(String turnId, TurnListener listener) {
        this.turnId = requireNonNull(turnId, "turnId is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    String turnId() {
        return turnId;
    }

    /** What a CLI message means for this turn; only from the connection's stdout thread. */
    TurnStep map(ClaudeMessage message) {
        return mapper.accept(message);
    }

    void expectPermissionAnswer(String requestId, Map<String, Object> toolInput) {
        pendingPermissions.put(requestId, toolInput);
    }

    /** The tool input of a pending request, which is then no longer pending. */
    Optional<Map<String, Object>> takePendingPermission(String requestId) {
        return Optional.ofNullable(pendingPermissions.remove(requestId));
    }

    void dropPendingPermission(String requestId) {
        pendingPermissions.remove(requestId);
    }

    /** Whether any event reached the listener: from then on the turn must not be withdrawn or retried. */
    boolean reported() {
        return reported;
    }

    void report(AgentEvent event) {
        delivery.lock();
        try {
            if (completed) {
                return;
            }
            reported = true;
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "the listener of turn " + turnId + " failed on an event", e);
            }
        } finally {
            delivery.unlock();
        }
    }

    /** Delivers the completion unless one was delivered already; true when this call delivered it. */
    boolean complete(TurnCompletion completion) {
        delivery.lock();
        try {
            return deliverCompletion(completion);
        } finally {
            delivery.unlock();
        }
    }

    /** Like {@link #complete}, but gives up (false) when the listener stays busy for {@code wait}. */
    boolean tryComplete(TurnCompletion completion, Duration wait) {
        try {
            if (!delivery.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            return deliverCompletion(completion);
        } finally {
            delivery.unlock();
        }
    }

    private boolean deliverCompletion(TurnCompletion completion) {
        if (completed) {
            return false;
        }
        completed = true;
        pendingPermissions.clear();
        try {
            listener.onComplete(completion);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the listener of turn " + turnId + " failed on its completion", e);
        }
        return true;
    }
}
