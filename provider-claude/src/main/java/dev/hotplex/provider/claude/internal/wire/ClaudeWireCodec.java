package dev.hotplex.provider.claude.internal.wire;

import com.fasterxml.jackson.databind.ObjectMapper;

import static java.util.Objects.requireNonNull;

/**
 * The decoder and encoder over one shared mapper, so that code outside this package gets the codec
 * without ever touching a Jackson type. Thread-safe.
 */
public record ClaudeWireCodec(ClaudeLineDecoder decoder, ClaudeInputEncoder encoder) {
    public ClaudeWireCodec {
        requireNonNull(decoder, "decoder is null");
        requireNonNull(encoder, "encoder is null");
    }

    public static ClaudeWireCodec create() {
        ObjectMapper mapper = WireMapperFactory.create();
        return new ClaudeWireCodec(new ClaudeLineDecoder(mapper), new ClaudeInputEncoder(mapper));
    }
}
