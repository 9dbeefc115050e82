package dev.hotplex.testkit.anthropic;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonWriterTest {
    @Test
    void writesObjectsInInsertionOrderWithNulls() {
        Map<String, Object> object = JsonWriter.object("type", "text", "text", "hi", "stop", null,
                "list", Arrays.asList(1, null, "x"));

        assertThat(JsonWriter.write(object)).isEqualTo("{\"type\":\"text\",\"text\":\"hi\",\"stop\":null,\"list\":[1,null,\"x\"]}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(JsonWriter.write("a\"b\\c/\n\r\t\b\f\u0000\u001f")).isEqualTo("\"a\\\"b\\\\c/\\n\\r\\t\\b\\f\\u0000\\u001f\"");
    }

    @Test
    void escapesLineSeparatorsAndLoneSurrogatesButKeepsPairs() {
        assertThat(JsonWriter.write("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
        assertThat(JsonWriter.write("😀")).isEqualTo("\"😀\"");
        assertThat(JsonWriter.write("x\ud800y\udc00")).isEqualTo("\"x\\ud800y\\udc00\"");
    }

    @Test
    void writesNumbersBooleansCharactersAndIterables() {
        assertThat(JsonWriter.write(List.of(1, 2L, (short) 3, (byte) 4, 1.5, 2.5f, new BigDecimal("1.10"),
                new BigInteger("123456789012345678901234567890"), true, 'c')))
                .isEqualTo("[1,2,3,4,1.5,2.5,1.10,123456789012345678901234567890,true,\"c\"]");
        assertThat(JsonWriter.write(Set.of("only"))).isEqualTo("[\"only\"]");
        assertThat(JsonWriter.write(null)).isEqualTo("null");
    }

    @Test
    void rejectsWhatJsonCannotHold() {
        assertThatThrownBy(() -> JsonWriter.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonWriter.write(Float.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonWriter.write(Map.of(1, "x"))).hasMessageContaining("keys must be strings");
        assertThatThrownBy(() -> JsonWriter.write(new Object())).hasMessageStartingWith("cannot write java.lang.Object");
        assertThatThrownBy(() -> JsonWriter.object("odd")).hasMessageContaining("pairs");
        assertThatThrownBy(() -> JsonWriter.object(1, "x")).hasMessageContaining("not a string");
    }
}
