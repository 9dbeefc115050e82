package dev.hotplex.app.config;

import java.util.function.Consumer;

/** What the settings sections share: a value left out of the configuration keeps the builder's default. */
final class Settings {
    private Settings() {
    }

    static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
