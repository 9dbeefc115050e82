package dev.hotplex.waf.internal.analysis;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Works out what a producer pipeline writes without running it: {@code echo}/{@code printf}
 * (with escapes), here-documents, and then {@code base64 -d}, {@code base32 -d}, {@code xxd -r},
 * {@code openssl base64 -d} and {@code rev} applied in turn. This is how {@code echo cm0gLXJmIC8K |
 * base64 -d | sh} is seen to be {@code rm -rf /}.
 */
final class PayloadDecoder {
    private final int maxChars;

    PayloadDecoder(int maxChars) {
        this.maxChars = maxChars;
    }

    /** What {@code fact} writes to its standard output, or {@code null} when that is not static. */
    String output(CommandFact fact, int depth) {
        if (fact == null || depth > 12) {
            return null;
        }
        String input = input(fact, depth);
        String output = switch (fact.name()) {
            case "echo" -> echo(fact.args());
            case "printf" -> printf(fact.args());
            case "cat", "tee" -> input;
            case "base64", "base32", "basenc" -> fact.flags().contains("d") || fact.flags().contains("decode")
                    || fact.flags().contains("D") ? decodeBase(input, fact.name().equals("base32")) : null;
            case "xxd" -> fact.flags().contains("r") ? hex(input) : null;
            case "openssl" -> fact.args().contains("-d") && (fact.args().contains("base64")
                    || fact.args().contains("-base64") || fact.args().contains("-a")) ? decodeBase(input, false) : null;
            case "rev" -> input == null ? null : reverseLines(input);
            case "pwd" -> ".";
            default -> null;
        };
        return output == null || output.length() > maxChars ? null : output;
    }

    private String input(CommandFact fact, int depth) {
        if (!fact.stdin().isEmpty()) {
            return String.join("\n", fact.stdin());
        }
        if (fact.previous() != null) {
            return output(fact.previous(), depth + 1);
        }
        for (String arg : fact.positionals()) {
            if (!arg.isEmpty()) {
                return arg.equals("-") ? null : arg;
            }
        }
        return null;
    }

    private static String echo(List<String> args) {
        int i = 0;
        boolean escapes = false;
        while (i < args.size() && isEchoOption(args.get(i))) {
            escapes |= args.get(i).contains("e");
            i++;
        }
        String text = String.join(" ", args.subList(i, args.size()));
        return escapes ? unescape(text) : text;
    }

    private static boolean isEchoOption(String arg) {
        if (arg.length() < 2 || arg.charAt(0) != '-') {
            return false;
        }
        for (int i = 1; i < arg.length(); i++) {
            if ("neE".indexOf(arg.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String printf(List<String> args) {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("-")) {
            i += args.get(i).equals("-v") ? 2 : 1;
        }
        if (i >= args.size()) {
            return null;
        }
        String format = unescape(args.get(i));
        List<String> values = args.subList(i + 1, args.size());
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int k = 0; k < format.length(); k++) {
            char c = format.charAt(k);
            if (c == '%' && k + 1 < format.length()) {
                char conversion = format.charAt(k + 1);
                k++;
                if (conversion == '%') {
                    out.append('%');
                } else if (conversion == 's' || conversion == 'b' || conversion == 'c' || conversion == 'd') {
                    String value = next < values.size() ? values.get(next++) : "";
                    out.append(conversion == 'b' ? unescape(value) : value);
                } else {
                    out.append('%').append(conversion);
                }
            } else {
                out.append(c);
            }
        }
        while (next < values.size()) {
            out.append(values.get(next++));
        }
        return out.toString();
    }

    /** Backslash escapes as echo -e and printf understand them (\xHH, \0NNN, \NNN, \n, \t, ...). */
    static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char e = text.charAt(i + 1);
            if (e == '0') {
                int end = i + 2;
                int value = 0;
                while (end < text.length() && end < i + 5 && text.charAt(end) >= '0' && text.charAt(end) <= '7') {
                    value = value * 8 + text.charAt(end) - '0';
                    end++;
                }
                out.append((char) value);
                i = end;
            } else {
                i = escape(text, i + 1, out);
            }
        }
        return out.toString();
    }

    private static int escape(String text, int at, StringBuilder out) {
        char e = text.charAt(at);
        int radix = e == 'x' ? 16 : e >= '1' && e <= '7' ? 8 : 0;
        if (radix == 0) {
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a', 'b', 'e', 'f', 'v', 'c' -> {
                    // non-printing: dropped
                }
                default -> out.append(e);
            }
            return at + 1;
        }
        int start = radix == 16 ? at + 1 : at;
        int max = radix == 16 ? 2 : 3;
        int end = start;
        int value = 0;
        while (end < text.length() && end - start < max && Character.digit(text.charAt(end), radix) >= 0) {
            value = value * radix + Character.digit(text.charAt(end), radix);
            end++;
        }
        if (end == start) {
            out.append('\\').append(e);
            return at + 1;
        }
        out.append((char) value);
        return end;
    }

    private static String decodeBase(String input, boolean base32) {
        if (input == null) {
            return null;
        }
        StringBuilder compact = new StringBuilder(input.length());
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (!Character.isWhitespace(c)) {
                compact.append(c == '-' ? '+' : c == '_' ? '/' : c);
            }
        }
        if (base32) {
            return decodeBase32(compact.toString().toUpperCase(Locale.ROOT));
        }
        String text = compact.toString();
        int pad = text.length() % 4;
        if (pad != 0 && !text.endsWith("=")) {
            text = text + "===".substring(0, 4 - pad);
        }
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static String decodeBase32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                break;
            }
            int value = alphabet.indexOf(c);
            if (value < 0) {
                return null;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.append((char) ((buffer >> (bits - 8)) & 0xff));
                bits -= 8;
            }
        }
        return out.toString();
    }

    private static String hex(String input) {
        if (input == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int high = -1;
        for (int i = 0; i < input.length(); i++) {
            int digit = Character.digit(input.charAt(i), 16);
            if (digit < 0) {
                continue;
            }
            if (high < 0) {
                high = digit;
            } else {
                out.append((char) (high * 16 + digit));
                high = -1;
            }
        }
        return out.toString();
    }

    private static String reverseLines(String input) {
        StringBuilder out = new StringBuilder(input.length());
        for (String line : input.split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(new StringBuilder(line).reverse());
        }
        return out.toString();
    }
}
