package dev.hotplex.app.config;

import java.nio.file.Path;

/** Paths in configuration: {@code ~/x} is under the user's home, relative paths under the working directory. */
final class HomePaths {
    private HomePaths() {
    }

    static Path resolve(String configured, Path home, Path fallback) {
        if (configured == null || configured.isBlank()) {
            return fallback;
        }
        String text = configured.strip();
        Path path = text.equals("~") ? home : text.startsWith("~/") ? home.resolve(text.substring(2)) : Path.of(text);
        return path.toAbsolutePath().normalize();
    }
}
