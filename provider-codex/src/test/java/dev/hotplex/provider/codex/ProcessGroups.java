package dev.hotplex.provider.codex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Live members of a process group, read from /proc (test-side check, independent of the supervisor's). */
final class ProcessGroups {
    private ProcessGroups() {
    }

    /**
     * Whether {@code pid} runs: a zombie counts as gone (its parent, bwrap, is gone and the machine's init has not
     * reaped it yet), unlike in {@code ProcessHandle.isAlive}.
     */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static List<Long> members(long pgid) {
        List<Long> members = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    // fields after the command name (which may hold spaces) : state ppid pgrp ...
                    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(rest[2]) == pgid && !"Z".equals(rest[0])) {
                        members.add(Long.parseLong(name));
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return members;
    }
}
