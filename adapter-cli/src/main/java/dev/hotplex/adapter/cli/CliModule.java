package dev.hotplex.adapter.cli;

import com.google.inject.AbstractModule;

/** Binds the commands, so that picocli gets them from the injector with their dependencies. */
public final class CliModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(RootCommand.class);
        bind(RunCommand.class);
        bind(VersionCommand.class);
    }
}
