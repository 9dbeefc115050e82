package dev.hotplex.adapter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/**
 * The adapter's one JSON mapper. Reading is strict on purpose: unknown fields, numbers where strings belong,
 * trailing garbage, duplicate keys and deep nesting are 400s, so a typo in a field name is never silently ignored
 * and nothing malformed reaches the engine. Error messages name the field, never echo the input.
 */
final class JsonCodec {
    static final int MAX_NESTING_DEPTH = 32;

    private final ObjectMapper mapper;

    JsonCodec() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        ObjectMapper built = JsonMapper.builder(factory)
                .addModule(new Jdk8Module())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            built.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        this.mapper = built;
    }

    /** Parses a request body; {@code INVALID_REQUEST} with a short reason when it is not exactly a {@code type}. */
    <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST, "the request body is empty: send a JSON object");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw new HotplexException(StandardErrorCode.INVALID_REQUEST, "the request body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST, "unknown field '" + shorten(e.getPropertyName())
                    + "'");
        } catch (MismatchedInputException e) {
            String path = e.getPath().stream().map(reference -> reference.getFieldName() == null
                    ? "[" + reference.getIndex() + "]" : reference.getFieldName()).collect(Collectors.joining("."));
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST, path.isEmpty()
                    ? "the request body must be a JSON object"
                    : "wrong type for field '" + shorten(path) + "'");
        } catch (IOException e) {
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST, "malformed JSON");
        }
    }

    byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    String writeString(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static String shorten(String text) {
        String safe = String.valueOf(text).replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() > 64 ? safe.substring(0, 64) + "..." : safe;
    }
}
