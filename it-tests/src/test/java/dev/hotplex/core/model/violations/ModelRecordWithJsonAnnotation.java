package dev.hotplex.core.model.violations;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Test-only fixture: a core record annotated for Jackson, a library core must not know. */
public record ModelRecordWithJsonAnnotation(@JsonProperty("session_id") String sessionId) {
}
