package dev.hotplex.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An independent look at {@code /proc} for tests, so that "no process of the group is left" is not checked
 * by the code under test. Zombies (state Z) and dying processes (X) are dead and only wait to be collected by their
 * parent (PID 1 here does not collect orphans), so they do not count as survivors.
 */
public final class ProcessGroups {
    private ProcessGroups() {
    }

    /** Live (non-zombie) processes whose process group is {@code pgid}. */
    public static List<Long> liveMembers(long pgid) {
        List<Long> members = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    fields(entry).filter(f -> Long.parseLong(f[2]) == pgid && !dead(f[0]))
                            .ifPresent(f -> members.add(Long.parseLong(name)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return members;
    }

    /** The process group of a live process; empty when it is gone or a zombie. */
    public static Optional<Long> groupOf(long pid) {
        return fields(Path.of("/proc", Long.toString(pid))).filter(f -> !dead(f[0]))
                .map(f -> Long.parseLong(f[2]));
    }

    public static boolean isAlive(long pid) {
        return groupOf(pid).isPresent();
    }

    /** Zombies whose parent is {@code ppid}: children that exited and were never waited for. */
    public static List<Long> zombieChildrenOf(long ppid) {
        List<Long> zombies = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    fields(entry).filter(f -> f[0].equals("Z") && Long.parseLong(f[1]) == ppid)
                            .ifPresent(f -> zombies.add(Long.parseLong(name)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zombies;
    }

    /** Live group leaders whose working directory lies in {@code directory} (each session's or spare's CLI). */
    public static List<Long> leadersWorkingIn(Path directory) {
        Path real;
        try {
            real = directory.toRealPath();
        } catch (IOException e) {
            return List.of(); // nothing was ever started there
        }
        List<Long> leaders = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                boolean leader = fields(entry).filter(f -> !dead(f[0]) && Long.parseLong(f[2]) == pid).isPresent();
                if (leader && workingDirectory(entry).filter(cwd -> cwd.startsWith(real)).isPresent()) {
                    leaders.add(pid);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return leaders;
    }

    private static Optional<Path> workingDirectory(Path pidDirectory) {
        try {
            return Optional.of(Files.readSymbolicLink(pidDirectory.resolve("cwd")));
        } catch (IOException e) {
            return Optional.empty(); // gone meanwhile, or not ours to read
        }
    }

    private static boolean dead(String state) {
        return state.equals("Z") || state.equals("X");
    }

    /** state, ppid, pgrp. */
    private static Optional<String[]> fields(Path pidDirectory) {
        try {
            String stat = Files.readString(pidDirectory.resolve("stat"));
            return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
