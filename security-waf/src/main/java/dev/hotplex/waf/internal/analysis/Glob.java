package dev.hotplex.waf.internal.analysis;

/** Shell glob matching ({@code *}, {@code ?}, {@code [...]}) for short names, e.g. {@code /???/r?} against {@code rm}. */
public final class Glob {
    private Glob() {
    }

    /** Whether {@code pattern} matches all of {@code text}; O(pattern x text), for names only. */
    public static boolean matches(String pattern, String text) {
        if (pattern.length() > 256 || text.length() > 256) {
            return false;
        }
        boolean[] previous = new boolean[text.length() + 1];
        previous[0] = true;
        int p = 0;
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            boolean[] current = new boolean[text.length() + 1];
            if (c == '*') {
                boolean any = false;
                for (int t = 0; t <= text.length(); t++) {
                    any |= previous[t];
                    current[t] = any;
                }
                p++;
            } else if (c == '[') {
                int close = pattern.indexOf(']', p + 2);
                if (close < 0) {
                    for (int t = 1; t <= text.length(); t++) {
                        current[t] = previous[t - 1] && text.charAt(t - 1) == c;
                    }
                    p++;
                } else {
                    String set = pattern.substring(p + 1, close);
                    for (int t = 1; t <= text.length(); t++) {
                        current[t] = previous[t - 1] && inSet(set, text.charAt(t - 1));
                    }
                    p = close + 1;
                }
            } else {
                for (int t = 1; t <= text.length(); t++) {
                    current[t] = previous[t - 1] && (c == '?' || text.charAt(t - 1) == c);
                }
                p++;
            }
            previous = current;
        }
        return previous[text.length()];
    }

    private static boolean inSet(String set, char c) {
        boolean negate = set.startsWith("!") || set.startsWith("^");
        String body = negate ? set.substring(1) : set;
        boolean found = false;
        for (int i = 0; i < body.length(); i++) {
            if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                found |= c >= body.charAt(i) && c <= body.charAt(i + 2);
                i += 2;
            } else {
                found |= body.charAt(i) == c;
            }
        }
        return found != negate;
    }
}
