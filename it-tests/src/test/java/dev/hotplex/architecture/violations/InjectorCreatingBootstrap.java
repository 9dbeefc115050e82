package dev.hotplex.architecture.violations;

import com.google.inject.Guice;
import com.google.inject.Injector;

/** Creates a Guice injector outside the app. */
public final class InjectorCreatingBootstrap {

    public Injector bootstrap() {
        return Guice.createInjector();
    }
}
