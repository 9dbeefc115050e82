package dev.hotplex.waf.internal.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The string literals of a snippet of Python, Perl, Ruby, JavaScript, PHP, awk or PowerShell code:
 * {@code os.system("rm -rf /")} and {@code subprocess.run(["rm", "-rf", "/"])} hide shell commands
 * in them. Each literal is returned, and so is all of them joined by spaces (for argument lists).
 */
final class CodeLiterals {
    private static final int MAX_LITERALS = 256;

    private CodeLiterals() {
    }

    static List<String> of(String code) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < code.length() && literals.size() < MAX_LITERALS) {
            char c = code.charAt(i);
            if (c != '"' && c != '\'' && c != '`') {
                i++;
                continue;
            }
            StringBuilder literal = new StringBuilder();
            int j = i + 1;
            while (j < code.length() && code.charAt(j) != c) {
                if (code.charAt(j) == '\\' && j + 1 < code.length()) {
                    j = PayloadDecoderEscapes.append(code, j + 1, literal);
                    continue;
                }
                literal.append(code.charAt(j));
                j++;
            }
            literals.add(literal.toString());
            i = j + 1;
        }
        if (literals.size() > 1) {
            literals.add(String.join(" ", literals));
        }
        return literals;
    }

    /** Escapes inside code literals: {@code \x72}, {@code \u0072}, {@code \n} and the escaped character. */
    private static final class PayloadDecoderEscapes {
        private PayloadDecoderEscapes() {
        }

        static int append(String code, int at, StringBuilder out) {
            char e = code.charAt(at);
            if ((e == 'x' || e == 'u') && at + 1 < code.length()) {
                int digits = e == 'x' ? 2 : 4;
                int end = at + 1;
                int value = 0;
                while (end < code.length() && end - at - 1 < digits && Character.digit(code.charAt(end), 16) >= 0) {
                    value = value * 16 + Character.digit(code.charAt(end), 16);
                    end++;
                }
                if (end > at + 1) {
                    out.append((char) value);
                    return end;
                }
            }
            out.append(e == 'n' ? '\n' : e == 't' ? ' ' : e);
            return at + 1;
        }
    }
}
