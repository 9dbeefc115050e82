package dev.hotplex.app;

import com.google.inject.Injector;
import com.google.inject.Key;
import picocli.CommandLine;

import static java.util.Objects.requireNonNull;

/**
 * Lets picocli build commands through the injector (constructor injection, no statics). Types the
 * injector has no binding for (picocli's own helpers) fall back to picocli's default factory.
 */
final class GuiceCommandFactory implements CommandLine.IFactory {
    private final Injector injector;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    GuiceCommandFactory(Injector injector) {
        this.injector = requireNonNull(injector, "injector is null");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (injector.getExistingBinding(Key.get(type)) != null) {
            return injector.getInstance(type);
        }
        return fallback.create(type);
    }
}
