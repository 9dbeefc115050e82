package dev.hotplex.core.model;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;

import java.util.regex.Pattern;

/**
 * A caller-chosen session identifier. Restricted to a safe character set so it can appear in
 * file names, process environments, URLs and logs without escaping: letters, digits, {@code . _ : -},
 * 1 to 128 characters, not starting with a dot or dash.
 */
public record SessionId(String value) implements Comparable<SessionId> {
    public static final int MAX_LENGTH = 128;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_:][A-Za-z0-9._:-]{0,127}");

    public SessionId {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG,
                    "invalid session id " + describe(value) + ": use 1-" + MAX_LENGTH
                            + " characters from [A-Za-z0-9._:-], not starting with '.' or '-'");
        }
    }

    public static SessionId of(String value) {
        return new SessionId(value);
    }

    private static String describe(String value) {
        if (value == null) {
            return "(null)";
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "' (length " + value.length() + ")";
    }

    @Override
    public int compareTo(SessionId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
