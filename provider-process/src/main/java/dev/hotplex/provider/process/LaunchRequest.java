package dev.hotplex.provider.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What to start and how to read it.
 *
 * @param command         the executable (an absolute path) and its arguments; never run through a shell
 * @param workDir         the child's working directory; must exist
 * @param environment     the child's whole environment (nothing is inherited)
 * @param maxLineBytes    longer stdout lines are skipped, not buffered
 * @param stderrTailBytes how much of the end of stderr is kept for error messages
 * @param confinement     what the command may see beyond its work dir when the launcher has a sandbox
 */
public record LaunchRequest(List<String> command, Path workDir, Map<String, String> environment, int maxLineBytes,
                            int stderrTailBytes, Confinement confinement) {
    /** Confined (when the launcher has a sandbox) to the work dir only. */
    public LaunchRequest(List<String> command, Path workDir, Map<String, String> environment, int maxLineBytes,
                         int stderrTailBytes) {
        this(command, workDir, environment, maxLineBytes, stderrTailBytes, Confinement.nothingMore());
    }

    public LaunchRequest {
        command = List.copyOf(requireNonNull(command, "command is null"));
        requireNonNull(workDir, "workDir is null");
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        requireNonNull(confinement, "confinement is null");
        if (command.isEmpty() || !Path.of(command.getFirst()).isAbsolute()) {
            throw new IllegalArgumentException("command must start with an absolute executable path: " + command);
        }
        if (maxLineBytes < 1 || stderrTailBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes and stderrTailBytes must be positive");
        }
    }
}
