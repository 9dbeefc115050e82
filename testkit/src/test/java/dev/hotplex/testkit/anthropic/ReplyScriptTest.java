package dev.hotplex.testkit.anthropic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplyScriptTest {
    private final ReplyScript script = new ReplyScript(List.of(
            new ReplyScript.Rule("hang", Reply.hang()),
            new ReplyScript.Rule("Use Tool", Reply.bash("ls"))));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hang | true", "please HANG. | true", "hang-up | true", "change it | false", "hanging | false",
            "use tool | true", "use  tool | false", "reuse tool | false", "(use tool) | true"})
    void keywordsMatchAsWholeWordsIgnoringCase(String prompt, boolean matches) {
        Reply reply = script.replyTo(new MessagesRequest("m", prompt, List.of()));

        assertThat(!reply.equals(Reply.text("pong: " + prompt))).as("scripted reply to '%s'", prompt).isEqualTo(matches);
    }

    @Test
    void toolResultsWinOverKeywordsAndAreJoined() {
        Reply reply = script.replyTo(new MessagesRequest("m", "hang", List.of("a", "b")));

        assertThat(reply).isEqualTo(Reply.text("tool said: a\nb"));
    }

    @Test
    void longEchoesAreShortened() {
        String prompt = "x".repeat(ReplyScript.MAX_ECHO - 1) + "😀 and more";

        Reply reply = script.replyTo(new MessagesRequest("m", prompt, List.of()));

        assertThat(reply).isEqualTo(Reply.text("pong: " + "x".repeat(ReplyScript.MAX_ECHO - 1) + "..."));
    }

    @Test
    void rejectsBlankKeywords() {
        assertThatThrownBy(() -> new ReplyScript.Rule(" ", Reply.hang())).isInstanceOf(IllegalArgumentException.class);
    }
}
