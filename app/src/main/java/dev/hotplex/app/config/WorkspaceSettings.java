package dev.hotplex.app.config;

import java.nio.file.Path;

/** The {@code workspace:} section. {@code root}: where session work dirs live (default {@code ~/.hotplex/workspace}). */
public record WorkspaceSettings(String root) {
    public Path rootPath(Path home) {
        return HomePaths.resolve(root, home, home.resolve(".hotplex").resolve("workspace"));
    }
}
