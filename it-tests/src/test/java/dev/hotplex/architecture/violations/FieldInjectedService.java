package dev.hotplex.architecture.violations;

import jakarta.inject.Inject;

/** Uses field injection instead of constructor injection. */
public final class FieldInjectedService {

    @Inject
    private Runnable dependency;

    public void work() {
        dependency.run();
    }
}
