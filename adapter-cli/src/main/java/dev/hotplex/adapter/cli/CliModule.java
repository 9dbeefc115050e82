package dev.hotplex.adapter.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Binds the commands, so that picocli gets them from the injector with their dependencies, and the real console.
 * {@link Diagnostics} is not bound here: only the app knows its configuration, so its module binds it.
 */
public final class CliModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(RootCommand.class);
        bind(RunCommand.class);
        bind(ChatCommand.class);
        bind(CheckCommand.class);
        bind(DoctorCommand.class);
        bind(VersionCommand.class);
        bind(ServeCommand.class);
        bind(SessionsCommand.class);
        bind(SessionsListCommand.class);
        bind(SessionsShowCommand.class);
        bind(SessionsStopCommand.class);
        bind(SessionsResetCommand.class);
        bind(ServerApiFactory.class);
        bind(ChatTerminals.class).to(JLineChatTerminals.class);
        bind(InterruptSignal.class).to(JdkInterruptSignal.class);
        bind(JdkInterruptSignal.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    ConsoleInfo console() {
        return ConsoleInfo.system();
    }

    @Provides
    @Singleton
    CliEnvironment environment() {
        return CliEnvironment.of(System.getenv());
    }

    @Provides
    JLineChatTerminals jlineTerminals(ConsoleInfo console) {
        return new JLineChatTerminals(console);
    }
}
