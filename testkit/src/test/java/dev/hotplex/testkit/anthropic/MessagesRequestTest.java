package dev.hotplex.testkit.anthropic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading requests shaped the way Claude Code 2.1.330 sends them. */
class MessagesRequestTest {
    @Test
    void thePromptIsTheLastTextBlockOfTheLastUserMessageEvenWithASystemMessageAfterIt() {
        String body = """
                {"model":"claude-opus-5-5","stream":true,"messages":[
                  {"role":"user","content":[{"type":"text","text":"old"}]},
                  {"role":"assistant","content":[{"type":"text","text":"pong: old"}]},
                  {"role":"user","content":[{"type":"text","text":"<system-reminder>x</system-reminder>"},
                                            {"type":"text","text":"hello \\u00e9"}]},
                  {"role":"system","content":[{"type":"text","text":"# Environment"}]}]}""";

        MessagesRequest request = MessagesRequest.parse(body);

        assertThat(request).isEqualTo(new MessagesRequest("claude-opus-5-5", "hello é", List.of()));
    }

    @Test
    void aStringContentIsOneTextBlock() {
        assertThat(MessagesRequest.parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").prompt())
                .isEqualTo("hi");
    }

    @Test
    void collectsToolResultsOfStringAndBlockContent() {
        String body = """
                {"model":"m","messages":[
                  {"role":"user","content":[{"type":"text","text":"use tool"}]},
                  {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Bash","input":{}}]},
                  {"role":"user","content":[
                    {"tool_use_id":"t1","type":"tool_result","content":"out","is_error":false},
                    {"tool_use_id":"t2","type":"tool_result","content":[{"type":"text","text":"a"},{"type":"image"},{"type":"text","text":"b"}]}]}]}""";

        MessagesRequest request = MessagesRequest.parse(body);

        assertThat(request.toolResults()).containsExactly("out", "ab");
        assertThat(request.hasToolResults()).isTrue();
        assertThat(request.prompt()).isEmpty();
    }

    @Test
    void noUserMessageMeansAnEmptyPrompt() {
        assertThat(MessagesRequest.parse("{\"model\":\"m\",\"messages\":[]}").prompt()).isEmpty();
    }

    @Test
    void rejectsWhatIsNotAMessagesRequest() {
        assertThatThrownBy(() -> MessagesRequest.parse("{\"messages\":[]}")).hasMessageContaining("'model'");
        assertThatThrownBy(() -> MessagesRequest.parse("{\"model\":\"m\"}")).hasMessageContaining("'messages'");
        assertThatThrownBy(() -> MessagesRequest.parse("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
