package dev.hotplex.provider.process;

import java.nio.file.Path;
import java.util.List;

/**
 * How a launched command is confined at the OS level. The launcher runs what {@link #confine} returns
 * behind {@code setsid}, so the whole confined tree stays in the one process group it supervises.
 */
public interface Sandbox {
    /** The command line that runs {@code command} in {@code workDir}, confined by {@code confinement}. */
    List<String> confine(List<String> command, Path workDir, Confinement confinement);

    /** What confines the commands, for logs and {@code doctor}: e.g. {@code bwrap (bubblewrap 0.8.0)} or {@code none}. */
    String describe();

    /** Whether commands are really confined (false for {@link #none()}). */
    boolean confines();

    /** Runs commands as they are: only the work dir and the environment separate sessions. */
    static Sandbox none() {
        return NoSandbox.INSTANCE;
    }
}
