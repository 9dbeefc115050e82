package dev.hotplex.core.port.out.violations;

/** Test-only fixture: a driven port. */
public interface DrivenPort {

    void drive();
}
