package dev.hotplex.waf;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hotplex.core.port.out.Clock;
import dev.hotplex.core.port.out.ContentPolicy;

import static java.util.Objects.requireNonNull;

/**
 * Binds the rule-pack firewall as the {@link ContentPolicy} and its {@link AuditLog} (which the app
 * composes with its other engine observers). Needs a {@link Clock} binding for the audit timestamps.
 */
public final class WafModule extends AbstractModule {
    private final WafConfig config;

    public WafModule(WafConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Provides
    @Singleton
    ContentPolicy contentPolicy() {
        return new RulePackContentPolicy(config);
    }

    @Provides
    @Singleton
    AuditLog auditLog(Clock clock) {
        return new AuditLog(config.auditLog(), clock);
    }
}
