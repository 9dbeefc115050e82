package dev.hotplex.provider.codex.internal.session;

import dev.hotplex.provider.codex.internal.wire.Inbound;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Our JSON-RPC requests waiting for Codex's answer, by id. */
final class PendingRequests {
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Inbound.Response>> pending = new ConcurrentHashMap<>();

    /** A fresh id and the future its response completes. */
    Request open() {
        long id = ids.incrementAndGet();
        CompletableFuture<Inbound.Response> future = new CompletableFuture<>();
        pending.put(id, future);
        return new Request(id, future);
    }

    /** False when no request waits under that id. */
    boolean answer(Inbound.Response response) {
        CompletableFuture<Inbound.Response> future = pending.remove(response.id());
        return future != null && future.complete(response);
    }

    /** Fails every open request, e.g. because the process ended. */
    void failAll(String why) {
        pending.keySet().forEach(id -> {
            CompletableFuture<Inbound.Response> future = pending.remove(id);
            if (future != null) {
                future.completeExceptionally(new IllegalStateException(why));
            }
        });
    }

    record Request(long id, CompletableFuture<Inbound.Response> response) {
    }
}
