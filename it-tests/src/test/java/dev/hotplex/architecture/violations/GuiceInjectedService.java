package dev.hotplex.architecture.violations;

import com.google.inject.Inject;

/** Uses Guice's own @Inject (instead of jakarta.inject) in a class that is not a Guice module. */
public final class GuiceInjectedService {

    private final Runnable dependency;

    @Inject
    public GuiceInjectedService(Runnable dependency) {
        this.dependency = dependency;
    }

    public void work() {
        dependency.run();
    }
}
