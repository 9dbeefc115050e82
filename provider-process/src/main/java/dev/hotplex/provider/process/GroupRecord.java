package dev.hotplex.provider.process;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * What the engine writes to disk about a process group it started, so that the next engine can end it if
 * this one dies without doing so: the leader (pid = pgid) and its start time, so that a reused pid is never
 * taken for the leader; the owning engine, so that the groups of a living engine are left alone; and the
 * binary, for the log.
 *
 * @param leader the group's leader; its pid is the process group id
 * @param owner  the engine that started the group
 * @param binary the command the leader ran (for the log only)
 */
record GroupRecord(ProcessIdentity leader, ProcessIdentity owner, String binary) {
    private static final String VERSION = "1";

    GroupRecord {
        requireNonNull(leader, "leader is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(binary, "binary is null");
    }

    long pgid() {
        return leader.pid();
    }

    /** The file's content: {@code key=value} lines ({@link Properties} escapes any odd character of the binary). */
    String format() {
        Properties properties = new Properties();
        properties.setProperty("version", VERSION);
        properties.setProperty("pgid", Long.toString(leader.pid()));
        properties.setProperty("leaderStartTime", Long.toString(leader.startTime()));
        properties.setProperty("ownerPid", Long.toString(owner.pid()));
        properties.setProperty("ownerStartTime", Long.toString(owner.startTime()));
        properties.setProperty("binary", binary);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "a process group started by hotplex; see provider-process/README.md");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    /** Reads {@link #format()}'s output; {@link IllegalArgumentException} when anything is missing or wrong. */
    static GroupRecord parse(String text) {
        requireNonNull(text, "text is null");
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a group record: " + e.getMessage(), e);
        }
        if (!VERSION.equals(properties.getProperty("version"))) {
            throw new IllegalArgumentException("unknown record version " + properties.getProperty("version"));
        }
        return new GroupRecord(
                new ProcessIdentity(number(properties, "pgid"), number(properties, "leaderStartTime")),
                new ProcessIdentity(number(properties, "ownerPid"), number(properties, "ownerStartTime")),
                required(properties, "binary"));
    }

    private static long number(Properties properties, String key) {
        String value = required(properties, key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + value, e);
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }
}
