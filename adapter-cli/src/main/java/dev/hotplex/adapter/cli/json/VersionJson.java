package dev.hotplex.adapter.cli.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * {@code hotplex version --json}: {@code {"hotplex":"0.1.0","providers":[{"name":"claude","default":true,
 * "version":"2.1.330 (Claude Code)"},{"name":"codex","default":false,"unavailable":"why"}]}}, in the configured order.
 */
public final class VersionJson {
    private final ObjectMapper mapper = new ObjectMapper();

    public String line(String hotplexVersion, List<ProviderVersion> providers) {
        ObjectNode root = mapper.createObjectNode();
        root.put("hotplex", hotplexVersion);
        ArrayNode list = root.putArray("providers");
        for (ProviderVersion provider : providers) {
            ObjectNode node = list.addObject();
            node.put("name", provider.name());
            node.put("default", provider.isDefault());
            provider.version().ifPresent(version -> node.put("version", version));
            provider.unavailable().ifPresent(why -> node.put("unavailable", why));
        }
        return root.toString();
    }
}
