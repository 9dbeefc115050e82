package dev.hotplex.core.port.in.violations;

import dev.hotplex.core.port.out.violations.DrivenPort;

/** Test-only fixture: a driving port whose signature exposes a driven port. */
public interface DrivingPortLeakingADrivenPort {

    DrivenPort backend();
}
