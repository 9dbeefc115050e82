package dev.hotplex.waf.internal.search;

/**
 * A length-preserving case fold: every char maps to one char, so positions in the folded copy are
 * positions in the text. Lower-casing the upper case sends the case partners RE2 treats as equal
 * ({@code ſ}, the Kelvin sign, final sigma) to one spelling; surrogates are kept as they are.
 */
final class CaseFold {
    private CaseFold() {
    }

    static String fold(CharSequence text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fold(text.charAt(i));
        }
        return new String(out);
    }

    static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        if (Character.isSurrogate(c)) {
            return c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
