package dev.hotplex.provider.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Confines a command with bubblewrap: the root file system read-only, a minimal {@code /dev}, a {@code /proc}
 * of its own pid namespace (no other process visible or signallable), a private {@code /tmp}, the work dir
 * and the {@link Confinement}'s writable paths bound read-write, its hidden paths covered by empty read-only
 * ones (a hidden file by {@code /dev/null}, so writes to it are discarded). The
 * network is shared (the CLI must reach its model API). All capabilities are dropped, so even an engine
 * running as root gives the agent no way to remount anything.
 *
 * <p>No {@code --new-session}: bwrap's own {@code setsid} would move the command into a process group of its
 * own, out of reach of the group kill. The launcher's {@code setsid} in front of bwrap already gives the
 * sandbox a new session without a controlling terminal, which is what {@code --new-session} protects against
 * ({@code TIOCSTI} input injection). {@code --die-with-parent} makes bwrap and its pid namespace, with every
 * process in it, die with the engine thread that spawned it, even after {@code kill -9} of the engine.
 */
final class BubblewrapSandbox implements Sandbox {
    private static final Path DEV_NULL = Path.of("/dev/null");

    /** What a mount does; applied by depth of the path, and at equal depth in this order. */
    private enum Kind {
        SYSTEM, HIDE, READ_ONLY, WRITABLE
    }

    private record Mount(Kind kind, List<String> arguments, Path target) {
    }

    private final Path bwrap;
    private final String version;
    private final Confinement deployment;

    BubblewrapSandbox(Path bwrap, String version, Confinement deployment) {
        this.bwrap = requireNonNull(bwrap, "bwrap is null");
        this.version = requireNonNull(version, "version is null");
        this.deployment = requireNonNull(deployment, "deployment is null");
    }

    @Override
    public List<String> confine(List<String> command, Path workDir, Confinement confinement) {
        requireNonNull(command, "command is null");
        requireNonNull(workDir, "workDir is null");
        Confinement all = deployment.and(requireNonNull(confinement, "confinement is null"));
        Path work = real(workDir).orElseThrow(() -> new IllegalArgumentException("the work dir " + workDir
                + " does not exist"));
        List<Mount> mounts = new ArrayList<>();
        mounts.add(new Mount(Kind.SYSTEM, List.of("--ro-bind", "/", "/"), Path.of("/")));
        mounts.add(new Mount(Kind.SYSTEM, List.of("--dev", "/dev"), Path.of("/dev")));
        mounts.add(new Mount(Kind.SYSTEM, List.of("--proc", "/proc"), Path.of("/proc")));
        mounts.add(new Mount(Kind.SYSTEM, List.of("--tmpfs", "/tmp"), Path.of("/tmp")));
        for (Path path : all.hidden()) {
            real(path).filter(target -> target.getNameCount() > 0).ifPresent(target -> mounts.add(hide(target)));
        }
        for (Path path : all.readOnly()) {
            real(path).ifPresent(target -> mounts.add(bind(Kind.READ_ONLY, "--ro-bind", target)));
        }
        for (Path path : all.writable()) {
            real(path).ifPresent(target -> mounts.add(bind(Kind.WRITABLE, "--bind", target)));
        }
        mounts.add(bind(Kind.WRITABLE, "--bind", work));
        // the executable stays visible (read-only) even inside a hidden path or the private /tmp, by its real path
        Optional<Path> executable = real(Path.of(command.getFirst()));
        executable.map(Path::getParent).ifPresent(dir -> mounts.add(bind(Kind.READ_ONLY, "--ro-bind", dir)));
        // parents before children, so that a path shown inside a hidden one (or hidden inside a shown one) wins
        mounts.sort(Comparator.comparingInt((Mount mount) -> mount.target().getNameCount())
                .thenComparing(Mount::kind));

        List<String> argv = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--unshare-pid",
                "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--cap-drop", "ALL"));
        mounts.forEach(mount -> argv.addAll(mount.arguments()));
        // hidden dirs become read-only last, once the mount points of what is shown inside them exist: writing
        // there fails loudly instead of landing in a throwaway tmpfs
        mounts.stream().filter(mount -> mount.kind() == Kind.HIDE && mount.arguments().getFirst().equals("--tmpfs"))
                .forEach(mount -> argv.addAll(List.of("--remount-ro", mount.target().toString())));
        argv.addAll(List.of("--chdir", work.toString(), "--"));
        argv.add(executable.map(Path::toString).orElse(command.getFirst()));
        argv.addAll(command.subList(1, command.size()));
        return List.copyOf(argv);
    }

    @Override
    public String describe() {
        return "bwrap (" + version + ", " + bwrap + ")";
    }

    @Override
    public boolean confines() {
        return true;
    }

    private static Mount hide(Path target) {
        return Files.isDirectory(target)
                ? new Mount(Kind.HIDE, List.of("--tmpfs", target.toString()), target)
                : new Mount(Kind.HIDE, List.of("--ro-bind", DEV_NULL.toString(), target.toString()), target);
    }

    private static Mount bind(Kind kind, String option, Path target) {
        return new Mount(kind, List.of(option, target.toString(), target.toString()), target);
    }

    /** The path with symbolic links resolved (bwrap mounts on real paths); empty when it does not exist. */
    private static Optional<Path> real(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
