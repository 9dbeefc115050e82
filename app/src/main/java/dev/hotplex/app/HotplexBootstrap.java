package dev.hotplex.app;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place that creates the Guice injector, hardened the way Airlift does it: explicit bindings
 * only, no circular proxies, {@code @Inject} required on constructors, exact binding annotations, and
 * the production stage so every singleton is built (and fails) at start-up rather than on first use.
 */
public final class HotplexBootstrap {
    private final List<Module> modules;

    public HotplexBootstrap(List<Module> modules) {
        this.modules = List.copyOf(modules);
    }

    public Injector start() {
        List<Module> all = new ArrayList<>(modules);
        all.add(new StrictBindingsModule());
        return Guice.createInjector(Stage.PRODUCTION, all);
    }

    /** Turns off Guice's implicit conveniences, which hide wiring mistakes until run time. */
    public static final class StrictBindingsModule extends AbstractModule {
        @Override
        protected void configure() {
            binder().requireExplicitBindings();
            binder().disableCircularProxies();
            binder().requireAtInjectOnConstructors();
            binder().requireExactBindingAnnotations();
        }
    }
}
