package dev.hotplex.waf.internal.judge;

/**
 * Finds shell functions that call themselves in a pipe or in the background, the shape of every fork
 * bomb ({@code :(){ :|:& };:}, {@code bomb(){ bomb|bomb& }; bomb}, {@code function f { f|f & }}),
 * whatever the function is called. Regular expressions cannot say "the same name again" without
 * backreferences, which RE2 forbids; this scan is linear (each body is looked at for at most 256
 * characters).
 */
public final class ForkBombDetector {
    private static final int MAX_BODY = 256;

    /** The fork bomb found in {@code text}, or {@code null}. */
    public String find(String text) {
        int from = 0;
        while (true) {
            int open = text.indexOf('{', from);
            if (open < 0) {
                return null;
            }
            from = open + 1;
            String name = functionName(text, open);
            if (name == null || name.isEmpty()) {
                continue;
            }
            int end = Math.min(text.length(), open + 1 + MAX_BODY);
            int close = -1;
            for (int k = open + 1; k < end && close < 0; k++) {
                if (text.charAt(k) == '}') {
                    close = k;
                }
            }
            String body = text.substring(open + 1, close < 0 ? end : close);
            if (selfSpawns(body, name)) {
                int start = Math.max(0, open - name.length() - 8);
                return text.substring(start, Math.min(text.length(), (close < 0 ? end : close + 1) + 4)).strip();
            }
        }
    }

    /** The name of the function whose body opens at {@code open}: {@code name()}, {@code name ()} or {@code function name}. */
    private static String functionName(String text, int open) {
        int i = open - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        if (i >= 1 && text.charAt(i) == ')') {
            int j = i - 1;
            while (j >= 0 && Character.isWhitespace(text.charAt(j))) {
                j--;
            }
            if (j < 0 || text.charAt(j) != '(') {
                return null;
            }
            j--;
            while (j >= 0 && Character.isWhitespace(text.charAt(j))) {
                j--;
            }
            return nameEndingAt(text, j);
        }
        String name = nameEndingAt(text, i);
        if (name == null) {
            return null;
        }
        int k = i - name.length();
        while (k >= 0 && Character.isWhitespace(text.charAt(k))) {
            k--;
        }
        return k >= 7 && text.startsWith("function", k - 7) ? name : null;
    }

    private static String nameEndingAt(String text, int end) {
        int start = end;
        while (start >= 0 && start > end - 64 && isNameChar(text.charAt(start))) {
            start--;
        }
        return end < 0 || start == end ? null : text.substring(start + 1, end + 1);
    }

    private static boolean isNameChar(char c) {
        return !Character.isWhitespace(c) && "(){};&|<>\"'`$".indexOf(c) < 0;
    }

    private static boolean selfSpawns(String body, String name) {
        int at = body.indexOf(name);
        int count = 0;
        boolean spawns = false;
        while (at >= 0) {
            count++;
            int after = at + name.length();
            while (after < body.length() && Character.isWhitespace(body.charAt(after))) {
                after++;
            }
            if (after < body.length() && (body.charAt(after) == '|' || body.charAt(after) == '&')) {
                spawns = true;
            }
            at = body.indexOf(name, at + name.length());
        }
        return spawns && count >= 1 && (count >= 2 || body.indexOf('&') >= 0);
    }
}
