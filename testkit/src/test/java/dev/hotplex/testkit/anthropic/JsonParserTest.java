package dev.hotplex.testkit.anthropic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonParserTest {
    @Test
    void parsesNestedObjectsAndArraysInOrder() {
        Object value = JsonParser.parse(" {\"b\": [1, {\"c\": null}, []], \"a\": {}, \"d\": true, \"e\": false} ");

        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) value;
        assertThat(List.copyOf(map.keySet())).isEqualTo(List.of("b", "a", "d", "e"));
        assertThat(map.get("b")).isEqualTo(Arrays.asList(1L, Collections.singletonMap("c", null), List.of()));
        assertThat(map.get("a")).isEqualTo(Map.of());
        assertThat(map.get("d")).isEqualTo(true);
        assertThat(map.get("e")).isEqualTo(false);
    }

    @Test
    void resultsAreUnmodifiable() {
        Map<String, Object> map = JsonParser.parseObject("{\"list\":[1]}");

        assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) map.get("list")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void decodesEveryEscape() {
        assertThat(JsonParser.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\"")).isEqualTo("q\" b\\ s/ \b\f\n\r\t");
        assertThat(JsonParser.parse("\"\\u0041\\u00e9\\u20AC\"")).isEqualTo("Aé€");
    }

    @Test
    void joinsSurrogatePairEscapesIntoOneCodePoint() {
        String parsed = (String) JsonParser.parse("\"\\ud83d\\ude00!\"");

        assertThat(parsed).isEqualTo("😀!");
        assertThat(parsed.codePointAt(0)).isEqualTo(0x1F600);
        assertThat(JsonParser.parse("\"😀 raw\"")).isEqualTo("😀 raw");
    }

    @Test
    void keepsALoneSurrogateAsJavaScriptDoes() {
        assertThat(JsonParser.parse("\"\\ud800x\"")).isEqualTo("\ud800x");
    }

    @Test
    void parsesNumbersByKind() {
        assertThat(JsonParser.parse("0")).isEqualTo(0L);
        assertThat(JsonParser.parse("-42")).isEqualTo(-42L);
        assertThat(JsonParser.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(JsonParser.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonParser.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(JsonParser.parse("1.5")).isEqualTo(1.5);
        assertThat(JsonParser.parse("-0.25e2")).isEqualTo(-25.0);
        assertThat(JsonParser.parse("1E+3")).isEqualTo(1000.0);
        assertThat(JsonParser.parse("2e-1")).isEqualTo(0.2);
    }

    @Test
    void lastDuplicateKeyWins() {
        assertThat(JsonParser.parseObject("{\"a\":1,\"a\":2}")).containsExactlyEntriesOf(Map.of("a", 2L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "[", "]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[1 2]", "{a:1}",
            "'x'", "\"open", "\"bad \\x escape\"", "\"\\u12\"", "\"\\u12G4\"", "\"tab\there\"", "01", "-", "1.", ".5",
            "1e", "+1", "tru", "nul", "True", "NaN", "1 2", "{} x", "[]]", "\"a\" \"b\""})
    void rejectsMalformedInput(String json) {
        assertThatThrownBy(() -> JsonParser.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid JSON at offset ");
    }

    @Test
    void namesTheOffsetOfTheError() {
        assertThatThrownBy(() -> JsonParser.parse("[1, x]")).hasMessage("invalid JSON at offset 4: unexpected character 'x'");
        assertThatThrownBy(() -> JsonParser.parse("{\"a\":1")).hasMessageContaining("(at end of input)");
    }

    @Test
    void limitsNestingInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThatThrownBy(() -> JsonParser.parse(deep)).hasMessageContaining("nesting deeper than 512");
        assertThat(JsonParser.parse("[".repeat(512) + "]".repeat(512))).isInstanceOf(List.class);
    }

    @Test
    void parseObjectRejectsOtherValues() {
        assertThatThrownBy(() -> JsonParser.parseObject("[1]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a JSON object: [1]");
    }

    @Test
    void readsWhatTheWriterWrites() {
        Map<String, Object> original = JsonWriter.object("text", "line\n\"quoted\" \u0001 😀 \u2028", "n", -3L,
                "x", 0.5, "none", null, "list", List.of(true, false, List.of()), "nested", Map.of("k", "v"));

        assertThat(JsonParser.parse(JsonWriter.write(original))).isEqualTo(original);
    }
}
