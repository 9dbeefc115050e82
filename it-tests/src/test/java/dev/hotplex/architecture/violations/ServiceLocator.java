package dev.hotplex.architecture.violations;

import com.google.inject.Injector;

/** Looks dependencies up in the injector instead of receiving them. */
public final class ServiceLocator {

    private final Injector injector;

    public ServiceLocator(Injector injector) {
        this.injector = injector;
    }

    public <T> T lookUp(Class<T> type) {
        return injector.getInstance(type);
    }
}
