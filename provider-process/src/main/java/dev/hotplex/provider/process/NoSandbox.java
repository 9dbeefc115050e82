package dev.hotplex.provider.process;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code sandbox.mode = none}: the command runs unconfined, with the engine user's full file access. */
final class NoSandbox implements Sandbox {
    static final NoSandbox INSTANCE = new NoSandbox();

    private NoSandbox() {
    }

    @Override
    public List<String> confine(List<String> command, Path workDir, Confinement confinement) {
        requireNonNull(workDir, "workDir is null");
        requireNonNull(confinement, "confinement is null");
        return List.copyOf(requireNonNull(command, "command is null"));
    }

    @Override
    public String describe() {
        return "none";
    }

    @Override
    public boolean confines() {
        return false;
    }
}
