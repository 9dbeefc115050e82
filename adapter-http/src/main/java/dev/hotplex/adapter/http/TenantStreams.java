package dev.hotplex.adapter.http;

import dev.hotplex.core.error.HotplexException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Caps the turn streams (SSE, JSON, WebSocket) one tenant holds open at once. Each open stream pins a request thread,
 * a socket and a buffer of up to {@code streamBufferEvents} events, so without a cap one key could hold the server's
 * whole capacity by opening streams it never reads. Beyond the cap: {@code TOO_MANY_STREAMS} (429 + Retry-After).
 */
final class TenantStreams {
    private final int maxPerTenant;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    TenantStreams(int maxPerTenant) {
        this.maxPerTenant = maxPerTenant;
    }

    /** Takes one of the tenant's stream slots; close the returned slot exactly when the stream ends. */
    Slot open(Tenant tenant) {
        AtomicBoolean admitted = new AtomicBoolean();
        open.compute(tenant.name(), (name, count) -> {
            int current = count == null ? 0 : count;
            admitted.set(current < maxPerTenant);
            return admitted.get() ? current + 1 : count;
        });
        if (!admitted.get()) {
            throw new HotplexException(HttpErrorCode.TOO_MANY_STREAMS, "this API key already streams "
                    + maxPerTenant + " turns at once: wait for one to end");
        }
        return new Slot(tenant.name());
    }

    int openStreams(Tenant tenant) {
        return open.getOrDefault(tenant.name(), 0);
    }

    /** One held slot; closing it twice frees it once. */
    final class Slot implements AutoCloseable {
        private final String tenant;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Slot(String tenant) {
            this.tenant = tenant;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                open.computeIfPresent(tenant, (name, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
