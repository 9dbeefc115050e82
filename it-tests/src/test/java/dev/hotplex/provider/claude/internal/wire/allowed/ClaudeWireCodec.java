package dev.hotplex.provider.claude.internal.wire.allowed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Test-only near miss: a provider's own wire codec may use Jackson, also in public signatures. */
public final class ClaudeWireCodec {

    private final ObjectMapper mapper;

    public ClaudeWireCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public JsonNode decode(String line) throws JsonProcessingException {
        return mapper.readTree(line);
    }
}
