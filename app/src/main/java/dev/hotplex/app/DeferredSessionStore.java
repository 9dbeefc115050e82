package dev.hotplex.app;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.SessionRecord;
import dev.hotplex.core.port.out.SessionStore;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Opens the durable store when a session first needs it, not when the app is assembled: {@code hotplex version},
 * {@code check} or {@code doctor} never touch sessions, so they neither create the database nor take the state
 * directory's lock from a running {@code hotplex serve}. {@code serve} calls {@link #open()} before it listens, so a
 * store it cannot open (held by another engine, too new) refuses the service instead of degrading it. An open that
 * failed is tried again at the next use.
 */
final class DeferredSessionStore implements SessionStore {
    private final Supplier<SessionStore> opener;
    private SessionStore opened;
    private boolean closed;

    DeferredSessionStore(Supplier<SessionStore> opener) {
        this.opener = requireNonNull(opener, "opener is null");
    }

    /** Opens the store now if it is not open yet; throws what opening throws. */
    synchronized void open() {
        store();
    }

    @Override
    public void save(SessionRecord record) {
        store().save(record);
    }

    @Override
    public Optional<SessionRecord> find(SessionId sessionId) {
        return store().find(sessionId);
    }

    @Override
    public List<SessionRecord> findAll() {
        return store().findAll();
    }

    @Override
    public void delete(SessionId sessionId) {
        store().delete(sessionId);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (opened != null) {
            opened.close();
        }
    }

    private synchronized SessionStore store() {
        if (closed) {
            throw new HotplexException(StandardErrorCode.ENGINE_CLOSED,
                    "the session store is closed");
        }
        if (opened == null) {
            opened = requireNonNull(opener.get(), "opener returned null");
        }
        return opened;
    }
}
