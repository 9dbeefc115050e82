package dev.hotplex.provider.claude.internal;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.SessionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestClaudeCommandLine {
    private static final String ID = "6f1c1c9e-3f0b-5a53-9a55-0c0e2b7f4a11";
    private static final List<String> STREAM_JSON = List.of(
            "-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose");
    private static final ClaudeFlags BARE = new ClaudeFlags(Optional.empty(), Optional.empty(), false, false,
            Optional.empty(), List.of(), OptionalInt.empty(), List.of());

    static Stream<Arguments> commandLines() {
        return Stream.of(
                Arguments.of("new conversation", BARE, spec(false, Optional.empty(), List.of(), List.of()),
                        concat(STREAM_JSON, List.of("--session-id", ID))),
                Arguments.of("new conversation with system prompt", BARE,
                        spec(false, Optional.of("Be terse."), List.of(), List.of()),
                        concat(STREAM_JSON, List.of("--session-id", ID, "--append-system-prompt", "Be terse."))),
                Arguments.of("resumed: the system prompt is not sent again", BARE,
                        spec(true, Optional.of("Be terse."), List.of(), List.of()),
                        concat(STREAM_JSON, List.of("--resume", ID))),
                Arguments.of("blank system prompt", BARE, spec(false, Optional.of("  "), List.of(), List.of()),
                        concat(STREAM_JSON, List.of("--session-id", ID))),
                Arguments.of("tool lists", BARE,
                        spec(false, Optional.empty(), List.of("Read", "Bash(git log:*)"), List.of("WebFetch", " ")),
                        concat(STREAM_JSON, List.of("--session-id", ID, "--allowedTools", "Read,Bash(git log:*)",
                                "--disallowedTools", "WebFetch"))),
                Arguments.of("every engine flag", new ClaudeFlags(Optional.of("claude-opus"), Optional.of("acceptEdits"),
                                true, true, Optional.of("{\"mcpServers\":{}}"), List.of(Path.of("/srv/a"), Path.of("/srv/b")),
                                OptionalInt.of(7), List.of("--bare", "--strict-mcp-config")),
                        spec(false, Optional.empty(), List.of(), List.of()),
                        concat(STREAM_JSON, List.of("--include-partial-messages", "--permission-prompt-tool", "stdio",
                                "--permission-mode", "acceptEdits", "--model", "claude-opus", "--session-id", ID,
                                "--max-turns", "7", "--mcp-config", "{\"mcpServers\":{}}", "--add-dir", "/srv/a",
                                "--add-dir", "/srv/b", "--bare", "--strict-mcp-config"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    void buildsTheArgumentList(String name, ClaudeFlags flags, SessionSpec spec, List<String> expected) {
        assertThat(new ClaudeCommandLine(flags).arguments(spec)).containsExactlyElementsOf(expected);
    }

    @Test
    void valuesAreSingleArgumentsNeverShellText() {
        String prompt = "Say \"hi\"; rm -rf / && echo $HOME `id`\nsecond line";

        List<String> args = new ClaudeCommandLine(BARE).arguments(spec(false, Optional.of(prompt), List.of(), List.of()));

        assertThat(args).endsWith("--append-system-prompt", prompt);
    }

    @Test
    void aToolRuleThatLooksLikeAFlagIsRefused() {
        SessionSpec spec = spec(false, Optional.empty(), List.of("--dangerously-skip-permissions"), List.of());

        assertThatThrownBy(() -> new ClaudeCommandLine(BARE).arguments(spec))
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_CONFIG));
    }

    private static SessionSpec spec(boolean resume, Optional<String> systemPrompt, List<String> allowed,
                                    List<String> disallowed) {
        return new SessionSpec(SessionId.of("s-1"), "default", ID, Path.of("/srv/hotplex/s-1"), resume, systemPrompt, allowed,
                disallowed);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
