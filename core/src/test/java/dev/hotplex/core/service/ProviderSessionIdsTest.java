package dev.hotplex.core.service;

import dev.hotplex.core.model.SessionId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderSessionIdsTest {
    @Test
    void isTheRfcUuidV5OfNamespaceSessionAndId() {
        // expected values computed independently with Python's uuid.uuid5(uuid.NAMESPACE_URL, name)
        assertThat(new ProviderSessionIds("hotplex").forSession(SessionId.of("user-123-abc")))
                .isEqualTo("73f52a93-5025-5f08-bbc4-a28ea991e5fb");
        assertThat(new ProviderSessionIds("prod").forSession(SessionId.of("user-123-abc")))
                .isEqualTo("34175182-4a07-597e-a86b-5acb0042abac");
    }

    @Test
    void isDeterministicAndDistinctPerSession() {
        ProviderSessionIds ids = new ProviderSessionIds("ns");
        assertThat(ids.forSession(SessionId.of("a"))).isEqualTo(ids.forSession(SessionId.of("a")));
        assertThat(ids.forSession(SessionId.of("a"))).isNotEqualTo(ids.forSession(SessionId.of("b")));
    }
}
