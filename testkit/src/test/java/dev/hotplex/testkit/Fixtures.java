package dev.hotplex.testkit;

import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.core.port.out.TurnInput;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Shared values for the testkit's own tests. */
final class Fixtures {
    /** Generous, since waits return as soon as the awaited thing happens. */
    static final Duration WAIT = Duration.ofSeconds(5);

    private Fixtures() {
    }

    static SessionSpec spec(String sessionId) {
        return new SessionSpec(SessionId.of(sessionId), "default", "provider-" + sessionId, Path.of("/tmp/" + sessionId),
                false, Optional.empty(), List.of(), List.of());
    }

    static SessionSpec resumeSpec(String sessionId) {
        SessionSpec fresh = spec(sessionId);
        return new SessionSpec(fresh.sessionId(), fresh.owner(), fresh.providerSessionId(), fresh.workDir(), true,
                Optional.empty(), List.of(), List.of());
    }

    static TurnInput turn(String turnId, String prompt) {
        return new TurnInput(turnId, prompt);
    }
}
