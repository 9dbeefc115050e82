package dev.hotplex.waf.internal.analysis;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Lexical path arithmetic for paths as a shell command spells them: {@code ~} and absolute paths are
 * kept as roots, {@code .} and {@code ..} are resolved, and a relative path that climbs above the
 * session's work dir is reported as such ({@link #ESCAPED}) instead of being silently clamped.
 */
public final class LexicalPath {
    /** The result for a relative path that leaves the work dir: where it lands is unknown. */
    public static final String ESCAPED = "../";

    private LexicalPath() {
    }

    /** Resolves {@code path} against {@code cwd} ({@code "."} for the work dir). */
    public static String resolve(String cwd, String path) {
        if (path.startsWith("/") || path.equals("~") || path.startsWith("~/")) {
            return normalise(path);
        }
        if (path.startsWith("~")) {
            int slash = path.indexOf('/');
            String user = slash < 0 ? path.substring(1) : path.substring(1, slash);
            String rest = slash < 0 ? "" : path.substring(slash);
            return normalise((user.equals("root") ? "/root" : "/home/" + user) + rest);
        }
        if (cwd.equals(ESCAPED)) {
            return ESCAPED;
        }
        if (cwd.equals(".")) {
            return normalise(path);
        }
        // the work dir is usually already normal and the path plain: joining them is the answer, and
        // avoids re-splitting a long cwd for every argument of every command
        if (plain(cwd) && plain(path)) {
            return cwd + "/" + path;
        }
        return normalise(cwd + "/" + path);
    }

    /**
     * Whether normalising changes nothing in {@code path}: no empty, {@code .} or {@code ..} segment
     * (a leading {@code /} aside) and no trailing {@code /}.
     */
    private static boolean plain(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        if (start >= path.length()) {
            return false;
        }
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            int length = end - start;
            if (length == 0 || path.charAt(start) == '.' && (length == 1 || length == 2 && path.charAt(start + 1) == '.')) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    /**
     * Removes empty, {@code .} and {@code ..} segments. Absolute paths cannot climb above {@code /};
     * {@code ~} paths that climb above home land in {@code /home}; relative paths that climb above
     * their start become {@link #ESCAPED}.
     */
    public static String normalise(String path) {
        String root;
        String rest;
        if (path.startsWith("/")) {
            root = "/";
            rest = path;
        } else if (path.equals("~") || path.startsWith("~/")) {
            root = "~";
            rest = path.substring(1);
        } else {
            root = "";
            rest = path;
        }
        Deque<String> segments = new ArrayDeque<>();
        boolean escapedHome = false;
        int start = 0;
        while (start <= rest.length()) {
            int slash = rest.indexOf('/', start);
            int end = slash < 0 ? rest.length() : slash;
            String segment = rest.substring(start, end);
            start = end + 1;
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.removeLast();
                } else if (root.isEmpty()) {
                    return ESCAPED;
                } else if (root.equals("~")) {
                    escapedHome = true;
                }
                continue;
            }
            segments.addLast(segment);
        }
        String joined = String.join("/", segments);
        if (root.equals("/")) {
            return "/" + joined;
        }
        if (root.equals("~")) {
            if (escapedHome) {
                return joined.isEmpty() ? "/home" : "/home/" + joined;
            }
            return joined.isEmpty() ? "~" : "~/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
