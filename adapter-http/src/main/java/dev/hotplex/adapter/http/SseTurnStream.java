package dev.hotplex.adapter.http;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.model.TurnStats;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static java.util.Objects.requireNonNull;

/**
 * Streams one turn as Server-Sent Events on the request's own (virtual) thread: {@code id:} is the sequence number,
 * {@code event:} the event's wire name, {@code data:} its JSON on one line; the stream ends after the terminal event.
 *
 * <p>The response is committed only once the first event exists, so an engine refusal (busy, capacity, closed,
 * invalid) still answers with its proper status and the JSON error shape. Idle streams get a comment every
 * heartbeat interval; a write that fails means the client is gone, and its turn is handed to the disconnect policy.
 */
final class SseTurnStream {
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

    private final TurnRunner runner;
    private final JsonCodec codec;
    private final Duration heartbeat;
    private final int bufferEvents;
    private final HttpObserver observer;

    SseTurnStream(TurnRunner runner, JsonCodec codec, Duration heartbeat, int bufferEvents, HttpObserver observer) {
        this.observer = requireNonNull(observer, "observer is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.heartbeat = requireNonNull(heartbeat, "heartbeat is null");
        this.bufferEvents = bufferEvents;
    }

    void stream(Context ctx, Tenant tenant, TurnRequests.Checked turn) throws InterruptedException {
        SessionId sessionId = turn.config().sessionId();
        SseEventSink sink = new SseEventSink(bufferEvents);
        runner.inFlight().streamOpened();
        observer.sseClientOpened();
        try {
            CompletableFuture<TurnResult> future = runner.submit(turn, sink);
            stream(ctx, tenant, sessionId, sink, future);
        } finally {
            runner.inFlight().streamClosed();
            observer.sseClientClosed();
        }
    }

    private void stream(Context ctx, Tenant tenant, SessionId sessionId, SseEventSink sink,
                        CompletableFuture<TurnResult> future) throws InterruptedException {
        AgentEvent first = awaitFirstEvent(sink, future);

        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        long sequence = 0;
        // closing the stream completes the response (last chunk) before the stream counts as closed, so a
        // graceful shutdown never cuts off a terminal event that was already written
        try (OutputStream out = response.getOutputStream()) {
            AgentEvent event = first;
            while (true) {
                if (event != null) {
                    write(out, ++sequence, event.wireName(), WireMapper.eventData(event, tenant));
                    if (event.terminal()) {
                        return;
                    }
                }
                if (sink.overflowed()) {
                    sink.abandon();
                    write(out, ++sequence, "error", errorData(HttpErrorCode.STREAM_OVERFLOW,
                            "the client read too slowly: more than " + bufferEvents + " events were waiting"));
                    runner.clientGone(sessionId);
                    return;
                }
                // events already waiting go out in one flush; the socket is flushed only before the stream idles
                event = sink.poll(Duration.ZERO);
                if (event == null) {
                    out.flush();
                    event = sink.poll(heartbeat);
                }
                if (event == null) {
                    if (future.isDone()) {
                        event = sink.poll(Duration.ZERO);
                        if (event == null) {
                            write(out, ++sequence, "error", errorData(StandardErrorCode.INTERNAL,
                                    "the turn ended without a terminal event"));
                            return;
                        }
                    } else {
                        out.write(HEARTBEAT);
                        out.flush();
                    }
                }
            }
        } catch (IOException e) {
            sink.abandon();
            runner.clientGone(sessionId);
        }
    }

    /**
     * Waits for the first event or the end of the turn, whichever comes first (a refusal ends the turn without an
     * event: it is rethrown at once, so it keeps its status and costs no polling delay).
     */
    private static AgentEvent awaitFirstEvent(SseEventSink sink, CompletableFuture<TurnResult> future)
            throws InterruptedException {
        try {
            CompletableFuture.anyOf(sink.arrival(), future).get();
        } catch (ExecutionException | CancellationException e) {
            // the turn failed without an event: refusal() below rethrows its cause
        }
        AgentEvent event = sink.poll(Duration.ZERO);
        if (event != null) {
            return event;
        }
        throw refusal(future);
    }

    private static RuntimeException refusal(CompletableFuture<TurnResult> future) throws InterruptedException {
        try {
            future.get();
            return new HotplexException(StandardErrorCode.INTERNAL, "the turn ended without any event");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HotplexException hotplex) {
                return hotplex;
            }
            return new HotplexException(StandardErrorCode.INTERNAL, "the turn failed to start", cause);
        } catch (CancellationException e) {
            return new HotplexException(StandardErrorCode.INTERRUPTED, "the turn was cancelled", e);
        }
    }

    private void write(OutputStream out, long sequence, String name, Object data) throws IOException {
        String frame = "id: " + sequence + "\nevent: " + name + "\ndata: " + codec.writeString(data) + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> errorData(dev.hotplex.core.error.ErrorCode code, String message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("code", code.name());
        data.put("message", message);
        data.put("turn", WireMapper.turnStats(TurnStats.EMPTY));
        return data;
    }
}
