package dev.hotplex.waf.internal.text;

import java.text.Normalizer;

/**
 * Turns what a human or an agent typed into what a shell would most plausibly see: Unicode NFKC
 * (full-width and mathematical letters become ASCII), invisible characters removed (zero-width
 * joiners, bidi controls, soft hyphens, tags), control characters dropped ({@code \r} becomes a
 * newline), exotic dashes, quotes and spaces folded to ASCII, and homoglyphs folded inside words
 * that mix scripts. Words written wholly in another script are left alone, so Russian or Greek
 * prose keeps its meaning for the natural-language rules. One pass, linear in the input.
 */
public final class TextNormaliser {

    /** Both renderings of one input. */
    public record Normalised(String folded, String unfolded) {
    }

    public Normalised normalise(String input) {
        String nfkc = Normalizer.normalize(input, Normalizer.Form.NFKC);
        StringBuilder unfolded = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); ) {
            int cp = nfkc.codePointAt(i);
            i += Character.charCount(cp);
            appendVisible(unfolded, cp);
        }
        return new Normalised(foldWords(unfolded), unfolded.toString());
    }

    private static void appendVisible(StringBuilder out, int cp) {
        if (cp == '\r') {
            out.append('\n');
            return;
        }
        if (cp == '\n' || cp == '\t') {
            out.append((char) cp);
            return;
        }
        int type = Character.getType(cp);
        if (type == Character.CONTROL || type == Character.FORMAT || isInvisibleFiller(cp)) {
            return;
        }
        if (type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR) {
            out.append(type == Character.SPACE_SEPARATOR ? ' ' : '\n');
            return;
        }
        char symbol = Confusables.symbol(cp);
        if (symbol != 0) {
            out.append(symbol);
        } else {
            out.appendCodePoint(cp);
        }
    }

    /** Fillers that are letters or marks by category but render as nothing. */
    private static boolean isInvisibleFiller(int cp) {
        return cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5
                || cp == 0x3164 || cp == 0xFFA0 || cp == 0x180E || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    private static String foldWords(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            boolean hasAscii = false;
            boolean allMappable = true;
            boolean anyMappable = false;
            while (end < text.length() && Character.isLetter(text.charAt(end))) {
                char letter = text.charAt(end);
                if (letter < 128) {
                    hasAscii = true;
                } else if (Confusables.letter(letter) != 0) {
                    anyMappable = true;
                } else {
                    allMappable = false;
                }
                end++;
            }
            boolean fold = anyMappable && (hasAscii || allMappable);
            for (int k = i; k < end; k++) {
                char letter = text.charAt(k);
                char mapped = fold ? Confusables.letter(letter) : 0;
                out.append(mapped != 0 ? mapped : letter);
            }
            i = end;
        }
        return out.toString();
    }
}
