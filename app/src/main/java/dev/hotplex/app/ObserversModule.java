package dev.hotplex.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hotplex.core.port.out.EngineObserver;
import dev.hotplex.waf.AuditLog;

/** The engine's observers: today the firewall's audit log; telemetry joins it when that module lands. */
public final class ObserversModule extends AbstractModule {
    @Provides
    @Singleton
    EngineObserver observer(AuditLog auditLog) {
        return auditLog;
    }
}
