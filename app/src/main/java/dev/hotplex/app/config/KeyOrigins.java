package dev.hotplex.app.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each configuration key came from — {@code config file /etc/hotplex.yaml:12}, {@code environment variable
 * HOTPLEX_HTTP_PORT}, {@code --set http.port} — so an error can point at the line or variable to fix. A later source
 * of the same key replaces the earlier one, as its value does.
 */
final class KeyOrigins {
    private final Map<String, String> origins = new HashMap<>();
    private final String fallback;

    KeyOrigins(String fallback) {
        this.fallback = fallback;
    }

    void put(List<String> key, String origin) {
        String dotted = String.join(".", key);
        // a value replaces the whole subtree it lands on, and with it the subtree's origins
        origins.keySet().removeIf(existing -> existing.startsWith(dotted + "."));
        origins.put(dotted, origin);
    }

    /** The origin of {@code key}, else of its closest parent that has one, else the sources as a whole. */
    String of(String key) {
        String candidate = key;
        while (!candidate.isEmpty()) {
            String origin = origins.get(candidate);
            if (origin != null) {
                return origin;
            }
            int dot = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
            candidate = dot < 0 ? "" : candidate.substring(0, dot);
        }
        return fallback;
    }
}
