package dev.hotplex.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hotplex.core.port.out.EngineObserver;
import dev.hotplex.telemetry.TelemetryObserver;
import dev.hotplex.waf.AuditLog;

import java.util.List;

/** The engine's observers: the firewall's audit log, then telemetry; one failing never silences the other. */
public final class ObserversModule extends AbstractModule {
    @Provides
    @Singleton
    EngineObserver observer(AuditLog auditLog, TelemetryObserver telemetry) {
        return new CompositeObserver(List.of(auditLog, telemetry));
    }
}
