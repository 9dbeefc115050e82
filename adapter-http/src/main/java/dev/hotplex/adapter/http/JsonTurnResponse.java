package dev.hotplex.adapter.http;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.in.EventSink;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Answers a turn requested with {@code Accept: application/json} as one JSON document, while still noticing a client
 * that hangs up mid-turn.
 *
 * <p>Like the SSE stream, the response is committed only once the engine has admitted the turn (its first event), so
 * a refusal keeps its proper status and error shape. From then on the status is 200 (a failed turn is reported inside
 * the document), and every heartbeat interval a single space is written ahead of the document: JSON allows leading
 * whitespace, and a write that fails tells that the client is gone, so its turn goes to the disconnect policy
 * instead of running on for nobody.
 */
final class JsonTurnResponse {
    private static final byte[] KEEPALIVE = " ".getBytes(StandardCharsets.UTF_8);

    private final TurnRunner runner;
    private final JsonCodec codec;
    private final Duration heartbeat;

    JsonTurnResponse(TurnRunner runner, JsonCodec codec, Duration heartbeat) {
        this.runner = requireNonNull(runner, "runner is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.heartbeat = requireNonNull(heartbeat, "heartbeat is null");
    }

    /** Runs the turn, then writes the document {@code document} makes of its events and result. */
    void respond(Context ctx, TurnRequests.Checked turn, DocumentFactory document) throws InterruptedException {
        SessionId sessionId = turn.config().sessionId();
        CollectingSink sink = new CollectingSink();
        runner.inFlight().streamOpened();
        try {
            CompletableFuture<TurnResult> future = runner.submit(turn, sink);
            awaitAdmission(sink, future);
            HttpServletResponse response = ctx.res();
            response.setStatus(200);
            response.setContentType("application/json");
            response.setHeader("Cache-Control", "no-cache");
            try (OutputStream out = response.getOutputStream()) {
                TurnResult result = awaitWithKeepalive(future, out);
                out.write(codec.write(document.create(sink.events(), result)));
            } catch (IOException e) {
                runner.clientGone(sessionId);
            }
        } finally {
            runner.inFlight().streamClosed();
        }
    }

    private TurnResult awaitWithKeepalive(CompletableFuture<TurnResult> future, OutputStream out)
            throws IOException, InterruptedException {
        while (true) {
            try {
                return future.get(heartbeat.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                out.write(KEEPALIVE);
                out.flush();
            } catch (ExecutionException e) {
                throw new HotplexException(StandardErrorCode.INTERNAL, "the turn failed after it started",
                        e.getCause());
            }
        }
    }

    /** Returns once the turn produced its first event; rethrows the engine's refusal if it ended without one. */
    private static void awaitAdmission(CollectingSink sink, CompletableFuture<TurnResult> future)
            throws InterruptedException {
        try {
            CompletableFuture.anyOf(future, sink.firstEvent()).get();
        } catch (ExecutionException e) {
            if (sink.firstEvent().isDone()) {
                return;
            }
            if (e.getCause() instanceof HotplexException refusal) {
                throw refusal;
            }
            throw new HotplexException(StandardErrorCode.INTERNAL, "the turn failed to start", e.getCause());
        }
        if (!sink.firstEvent().isDone()) {
            throw new HotplexException(StandardErrorCode.INTERNAL, "the turn ended without any event");
        }
    }

    /** Builds the response body once the turn has ended. */
    @FunctionalInterface
    interface DocumentFactory {
        Object create(List<AgentEvent> events, TurnResult result);
    }

    /** Keeps every event in arrival order (the engine delivers a turn's events one at a time). */
    private static final class CollectingSink implements EventSink {
        private final List<AgentEvent> events = new ArrayList<>();
        private final CompletableFuture<Void> firstEvent = new CompletableFuture<>();

        @Override
        public void accept(AgentEvent event) {
            synchronized (events) {
                events.add(event);
            }
            firstEvent.complete(null);
        }

        CompletableFuture<Void> firstEvent() {
            return firstEvent;
        }

        List<AgentEvent> events() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }
    }
}
