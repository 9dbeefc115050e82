package dev.hotplex.provider.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Reads Linux's {@code /proc} to find the live members of a process group: the JDK has no API for
 * process groups, and {@code ProcessHandle.descendants()} loses processes whose parent died. Zombies
 * count as gone: they are dead and only wait for their parent (often PID 1, after re-parenting) to
 * collect them, which no signal can speed up.
 */
final class ProcessTable {
    /** The fields of {@code /proc/<pid>/stat} that matter here. */
    record Stat(long pid, char state, long parentPid, long processGroup) {
        boolean alive() {
            return state != 'Z' && state != 'X' && state != 'x';
        }
    }

    /** 1-based numbers of fields in {@code /proc/<pid>/stat} (proc(5)). */
    private static final int FIRST_FIELD_AFTER_COMMAND = 3;
    private static final int START_TIME_FIELD = 22;

    private final Path proc;

    ProcessTable(Path proc) {
        this.proc = requireNonNull(proc, "proc is null");
    }

    static ProcessTable system() {
        return new ProcessTable(Path.of("/proc"));
    }

    /** Whether this system has a readable process table (Linux). */
    boolean available() {
        return Files.isReadable(proc.resolve("self").resolve("stat"));
    }

    /** The pids of the live (not zombie) processes in group {@code pgid}, in no particular order. */
    List<Long> liveMembers(long pgid) {
        List<Long> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, ProcessTable::isPidDirectory)) {
            for (Path entry : entries) {
                stat(entry).filter(stat -> stat.processGroup() == pgid && stat.alive())
                        .ifPresent(stat -> members.add(stat.pid()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + proc, e);
        }
        return members;
    }

    /** One process's stat; empty when it is gone (or unreadable). */
    Optional<Stat> stat(long pid) {
        return stat(proc.resolve(Long.toString(pid)));
    }

    private static Optional<Stat> stat(Path pidDirectory) {
        try {
            return parse(Files.readString(pidDirectory.resolve("stat")));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // exited between listing and reading
        }
    }

    /**
     * Parses {@code pid (comm) state ppid pgrp ...}. The command name may hold spaces and parentheses,
     * so the fields are counted from the last {@code )}.
     */
    static Optional<Stat> parse(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 1 || close < open) {
            return Optional.empty();
        }
        String[] fields = stat.substring(close + 1).strip().split(" ");
        if (fields.length < 3 || fields[0].length() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Stat(Long.parseLong(stat.substring(0, open).strip()), fields[0].charAt(0),
                    Long.parseLong(fields[1]), Long.parseLong(fields[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The process {@code pid} names right now: its pid plus its start time, so that a record of it is never
     * mistaken for a later process that got the same pid. Empty when there is no such process; zombies count.
     */
    Optional<ProcessIdentity> identity(long pid) {
        try {
            OptionalLong start = parseStartTime(Files.readString(proc.resolve(Long.toString(pid)).resolve("stat")));
            return start.isPresent() ? Optional.of(new ProcessIdentity(pid, start.getAsLong())) : Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code process} still runs: same pid, same start time, not a zombie. */
    boolean isRunning(ProcessIdentity process) {
        requireNonNull(process, "process is null");
        return identity(process.pid()).equals(Optional.of(process))
                && stat(process.pid()).map(Stat::alive).orElse(false);
    }

    /** This JVM. */
    ProcessIdentity self() {
        long pid = ProcessHandle.current().pid();
        return identity(pid).orElseThrow(() -> new IllegalStateException("cannot read " + proc + "/" + pid + "/stat"));
    }

    /**
     * Field 22 of {@code /proc/<pid>/stat}, {@code starttime}: clock ticks from boot to the process's start.
     * Counted from the last {@code )}, like {@link #parse}.
     */
    static OptionalLong parseStartTime(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] fields = stat.substring(close + 1).strip().split(" ");
        int index = START_TIME_FIELD - FIRST_FIELD_AFTER_COMMAND;
        if (fields.length <= index) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(fields[index]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean isPidDirectory(Path entry) {
        String name = entry.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
