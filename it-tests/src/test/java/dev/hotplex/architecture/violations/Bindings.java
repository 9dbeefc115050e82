package dev.hotplex.architecture.violations;

import com.google.inject.AbstractModule;

/** A Guice module that is neither public nor named *Module. */
final class Bindings extends AbstractModule {

    @Override
    protected void configure() {
        bind(Runnable.class).toInstance(() -> { });
    }
}
