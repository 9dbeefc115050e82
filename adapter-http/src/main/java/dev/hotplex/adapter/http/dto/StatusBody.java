package dev.hotplex.adapter.http.dto;

import java.util.Map;

/** Body of {@code /healthz} and {@code /readyz}: overall status and, for readiness, each check's result. */
public record StatusBody(String status, Map<String, String> checks) {
    public StatusBody {
        checks = Map.copyOf(checks);
    }
}
