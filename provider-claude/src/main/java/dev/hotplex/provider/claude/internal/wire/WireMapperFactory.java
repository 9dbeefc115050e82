package dev.hotplex.provider.claude.internal.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Builds the {@link ObjectMapper} the wire classes share. Create one per provider and pass it to
 * every constructor here; it is thread-safe once built.
 *
 * <p>The configuration: decimals are read as exact {@code BigDecimal} (costs), string values have no
 * length limit (tool outputs of several MB are real; the caller bounds the line length), output is
 * one line.
 */
public final class WireMapperFactory {
    private WireMapperFactory() {
    }

    public static ObjectMapper create() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }
}
