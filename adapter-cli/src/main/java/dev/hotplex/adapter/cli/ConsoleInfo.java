package dev.hotplex.adapter.cli;

import java.io.InputStream;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What the commands know about the console they run on: stdin, whether a person is watching (so progress
 * indicators make sense) and whether ANSI styles are wanted. Injected, so tests run the commands on plain streams.
 *
 * @param interactive stdout is a terminal that is not {@code TERM=dumb}
 * @param color       interactive and {@code NO_COLOR} unset
 */
public record ConsoleInfo(InputStream stdin, boolean interactive, boolean color) {
    public ConsoleInfo {
        requireNonNull(stdin, "stdin is null");
    }

    /** The JVM's own console. */
    public static ConsoleInfo system() {
        return detect(System.in, System.console() != null, System.getenv());
    }

    static ConsoleInfo detect(InputStream stdin, boolean consoleAttached, Map<String, String> environment) {
        boolean interactive = consoleAttached && !"dumb".equals(environment.get("TERM"));
        String noColor = environment.get("NO_COLOR");
        return new ConsoleInfo(stdin, interactive, interactive && (noColor == null || noColor.isEmpty()));
    }

    /** For tests and pipes: no terminal, no styles. */
    public static ConsoleInfo plain(InputStream stdin) {
        return new ConsoleInfo(stdin, false, false);
    }
}
