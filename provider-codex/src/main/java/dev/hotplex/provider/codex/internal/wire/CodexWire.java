package dev.hotplex.provider.codex.internal.wire;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonFactory;

/** One provider's codec: a shared encoder and, per connection, a decoder (it remembers the items it saw). */
public final class CodexWire {
    private final ObjectMapper mapper;
    private final CodexEncoder encoder;

    private CodexWire(ObjectMapper mapper) {
        this.mapper = mapper;
        this.encoder = new CodexEncoder(mapper);
    }

    public static CodexWire create() {
        // tool outputs of several MB are real; the process module bounds the line length instead
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        return new CodexWire(JsonMapper.builder(factory).build());
    }

    public CodexEncoder encoder() {
        return encoder;
    }

    public CodexDecoder newDecoder() {
        return new CodexDecoder(mapper);
    }
}
