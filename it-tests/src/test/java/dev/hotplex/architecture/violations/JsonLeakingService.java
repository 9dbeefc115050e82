package dev.hotplex.architecture.violations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Uses Jackson outside the JSON edges, and exposes a Jackson type in a public method. */
public final class JsonLeakingService {

    public JsonNode describe() {
        return JsonNodeFactory.instance.objectNode();
    }
}
