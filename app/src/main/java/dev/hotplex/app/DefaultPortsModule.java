package dev.hotplex.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hotplex.adapter.cli.SessionStoreClaim;
import dev.hotplex.core.port.out.Clock;
import dev.hotplex.core.port.out.SessionStore;
import dev.hotplex.store.sql.SqliteSessionStore;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * The default driven ports that need no setup: the durable session store, an embedded SQLite database in
 * {@code state.dir}, opened when sessions are first used (see {@link DeferredSessionStore}) and closed by the
 * engine when it closes; and the claim on it that the commands which run turns make up front.
 */
public final class DefaultPortsModule extends AbstractModule {
    private final Path stateDir;

    public DefaultPortsModule(Path stateDir) {
        this.stateDir = requireNonNull(stateDir, "stateDir is null");
    }

    @Provides
    @Singleton
    DeferredSessionStore deferredSessionStore(Clock clock) {
        return new DeferredSessionStore(() -> SqliteSessionStore.open(stateDir, clock));
    }

    @Provides
    @Singleton
    SessionStore sessionStore(DeferredSessionStore store) {
        return store;
    }

    /** What {@code run}, {@code chat} and {@code serve} claim before their first turn. */
    @Provides
    @Singleton
    SessionStoreClaim sessionStoreClaim(DeferredSessionStore store) {
        return new StateDirStoreClaim(store, stateDir);
    }
}
