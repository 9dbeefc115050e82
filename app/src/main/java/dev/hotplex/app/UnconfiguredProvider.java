package dev.hotplex.app;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.port.out.SessionSpec;

/** Stands in when no agent provider is configured: every turn fails with a clear PROVIDER_UNAVAILABLE. */
final class UnconfiguredProvider implements AgentProvider {
    private static final String WHY = "no agent provider is configured";

    @Override
    public String name() {
        return "none";
    }

    @Override
    public String version() {
        throw new HotplexException(StandardErrorCode.PROVIDER_UNAVAILABLE, WHY);
    }

    @Override
    public AgentConnection open(SessionSpec spec) {
        throw new HotplexException(StandardErrorCode.PROVIDER_UNAVAILABLE, WHY);
    }

    @Override
    public boolean canResume(SessionSpec spec) {
        return false;
    }

    @Override
    public void discardSessionFiles(SessionSpec spec) {
        // nothing was ever stored
    }
}
