package dev.hotplex.waf.internal.shell;

/** Decodes bash's ANSI-C quoting, {@code $'...'}: the favourite way to spell {@code rm} as {@code $'\x72\x6d'}. */
final class AnsiCQuote {
    private AnsiCQuote() {
    }

    /** Decodes from {@code from} (just after the opening quote); {@code end[0]} receives the index after the closing quote. */
    static String decode(String s, int from, int[] end) {
        StringBuilder out = new StringBuilder();
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                end[0] = i + 1;
                return out.toString();
            }
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                i++;
                continue;
            }
            i = escape(s, i + 1, out);
        }
        end[0] = s.length();
        return out.toString();
    }

    /** Appends the escape starting at {@code i} (after the backslash) and returns the index after it. */
    static int escape(String s, int i, StringBuilder out) {
        char e = s.charAt(i);
        switch (e) {
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'e', 'E' -> out.append('\u001b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 'x' -> {
                return number(s, i + 1, 2, 16, out);
            }
            case 'u' -> {
                return number(s, i + 1, 4, 16, out);
            }
            case 'U' -> {
                return number(s, i + 1, 8, 16, out);
            }
            case 'c' -> {
                if (i + 1 < s.length()) {
                    out.append((char) (s.charAt(i + 1) & 0x1f));
                    return i + 2;
                }
                return i + 1;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    return number(s, i, 3, 8, out);
                }
                out.append(e);
            }
        }
        return i + 1;
    }

    private static int number(String s, int from, int maxDigits, int radix, StringBuilder out) {
        int value = 0;
        int i = from;
        while (i < s.length() && i - from < maxDigits && Character.digit(s.charAt(i), radix) >= 0) {
            value = value * radix + Character.digit(s.charAt(i), radix);
            i++;
        }
        if (i == from) {
            out.append('\\').append(s.charAt(from - 1));
            return from;
        }
        if (Character.isValidCodePoint(value)) {
            out.appendCodePoint(value);
        }
        return i;
    }
}
