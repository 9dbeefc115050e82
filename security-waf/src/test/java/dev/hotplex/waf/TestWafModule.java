package dev.hotplex.waf;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.hotplex.core.port.out.Clock;
import dev.hotplex.core.port.out.ContentPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The module binds the firewall and its audit log as singletons. */
class TestWafModule {
    @Test
    void bindsTheRulePackPolicyAndTheAuditLog() {
        Injector injector = Guice.createInjector(new WafModule(WafConfig.defaults()), new AbstractModule() {
            @Override
            protected void configure() {
                bind(Clock.class).toInstance(() -> Instant.EPOCH);
            }
        });
        ContentPolicy policy = injector.getInstance(ContentPolicy.class);
        assertThat(policy).isInstanceOf(RulePackContentPolicy.class).isSameAs(injector.getInstance(ContentPolicy.class));
        assertThat(((RulePackContentPolicy) policy).ruleCount()).isGreaterThan(100);
        assertThat(injector.getInstance(AuditLog.class)).isSameAs(injector.getInstance(AuditLog.class));
    }
}
