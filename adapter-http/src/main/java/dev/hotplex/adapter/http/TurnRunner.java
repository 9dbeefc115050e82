package dev.hotplex.adapter.http;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.in.Engine;
import dev.hotplex.core.port.in.EventSink;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * Starts turns for every transport (SSE, JSON, WebSocket): refuses them while the server drains, keeps count of the
 * running ones for graceful shutdown, and applies the {@link DisconnectPolicy} when a client goes away.
 */
final class TurnRunner {
    private static final System.Logger LOG = System.getLogger(TurnRunner.class.getName());

    private final Engine engine;
    private final DisconnectPolicy disconnectPolicy;
    private final boolean forwardRawEvents;
    private final TenantStreams streams;
    private final InFlightTurns inFlight = new InFlightTurns();
    private final AtomicBoolean draining = new AtomicBoolean();

    TurnRunner(Engine engine, DisconnectPolicy disconnectPolicy, boolean forwardRawEvents, int maxStreamsPerTenant) {
        this.engine = requireNonNull(engine, "engine is null");
        this.disconnectPolicy = requireNonNull(disconnectPolicy, "disconnectPolicy is null");
        this.forwardRawEvents = forwardRawEvents;
        this.streams = new TenantStreams(maxStreamsPerTenant);
    }

    /** One of the tenant's stream slots, taken before its turn is submitted and closed when its stream ends. */
    TenantStreams.Slot openStream(Tenant tenant) {
        return streams.open(tenant);
    }

    /**
     * Runs the turn on an engine thread; a refusal completes the future exceptionally before any event. Every
     * transport's sink gets its events through here, so {@code raw} events are held back in one place.
     */
    CompletableFuture<TurnResult> submit(TurnRequests.Checked turn, EventSink sink) {
        SessionId sessionId = admit(turn);
        CompletableFuture<TurnResult> future;
        try {
            future = engine.submit(turn.config(), turn.prompt(), RawEventFilter.forClient(sink, forwardRawEvents));
        } catch (RuntimeException e) {
            inFlight.ended(sessionId);
            throw e;
        }
        future.whenComplete((result, failure) -> inFlight.ended(sessionId));
        return future;
    }

    /** The client of a running turn went away (or overflowed its buffer). */
    void clientGone(SessionId sessionId) {
        if (disconnectPolicy == DisconnectPolicy.INTERRUPT) {
            LOG.log(System.Logger.Level.DEBUG, "client of session {0} went away: interrupting its turn", sessionId);
            interruptQuietly(sessionId);
        }
    }

    boolean draining() {
        return draining.get();
    }

    void startDraining() {
        draining.set(true);
    }

    InFlightTurns inFlight() {
        return inFlight;
    }

    void interruptQuietly(SessionId sessionId) {
        try {
            engine.interrupt(sessionId);
        } catch (HotplexException e) {
            LOG.log(System.Logger.Level.DEBUG, "interrupt of {0} failed: {1}", sessionId, e.toString());
        }
    }

    private SessionId admit(TurnRequests.Checked turn) {
        if (draining.get()) {
            throw new HotplexException(StandardErrorCode.ENGINE_CLOSED, "the server is shutting down: no new turns");
        }
        SessionId sessionId = turn.config().sessionId();
        inFlight.started(sessionId);
        return sessionId;
    }
}
