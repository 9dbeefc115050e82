package dev.hotplex.architecture.allowed;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;

import java.util.List;

/** A public *Module may use Guice, also from an anonymous class nested in it (the TypeLiteral idiom). */
public final class ExampleModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(new TypeLiteral<List<String>>() { }).toInstance(List.of());
    }
}
