package dev.hotplex.app.config;

import java.nio.file.Path;

/** The {@code state:} section. {@code dir}: engine state (session store, process registry, audit log); default {@code ~/.hotplex/state}. */
public record StateSettings(String dir) {
    public Path dirPath(Path home) {
        return HomePaths.resolve(dir, home, home.resolve(".hotplex").resolve("state"));
    }
}
