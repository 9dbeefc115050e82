package dev.hotplex.core.model;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionIdTest {
    private static final String LONGEST = "x".repeat(SessionId.MAX_LENGTH);

    @org.junit.jupiter.api.Test
    void acceptsTheLongestAndRefusesLonger() {
        assertThat(SessionId.of(LONGEST).value()).hasSize(128);
        assertThatThrownBy(() -> SessionId.of(LONGEST + "x")).isInstanceOf(HotplexException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "user-123-abc", "tenant:chat_7", "A.b.c", "0"})
    void acceptsSafeIds(String value) {
        assertThat(SessionId.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "../etc", "a/b", "a\\b", ".hidden", "-flag", "a b", "a\nb", "é", "a\u0000b",
            "$(rm)", "a;b"})
    void refusesUnsafeIds(String value) {
        assertThatThrownBy(() -> SessionId.of(value))
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_CONFIG))
                .hasMessageContaining("invalid session id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\u0000b"})
    void neverEchoesControlCharacters(String value) {
        assertThatThrownBy(() -> SessionId.of(value)).message().doesNotContain("\n").doesNotContain("\u0000");
    }
}
