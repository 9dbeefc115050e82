package dev.hotplex.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hotplex.core.port.out.SessionStore;
import dev.hotplex.core.service.InMemorySessionStore;

/**
 * Stand-ins for the driven ports whose modules are not wired yet: an in-memory session store. Each later
 * module replaces one of these bindings by providing its own.
 */
public final class DefaultPortsModule extends AbstractModule {
    @Provides
    @Singleton
    SessionStore sessionStore() {
        return new InMemorySessionStore();
    }
}
