package dev.hotplex.core.model.violations;

import dev.hotplex.core.port.out.violations.DrivenPort;

/** Test-only fixture: a model type that depends on a port. */
public record ModelReferencingADrivenPort(DrivenPort port) {
}
