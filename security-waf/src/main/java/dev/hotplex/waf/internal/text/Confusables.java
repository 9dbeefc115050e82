package dev.hotplex.waf.internal.text;

/**
 * The homoglyphs attackers use to dress a command up as something else: Cyrillic, Greek and a few
 * Latin-extension letters that render like ASCII letters, and look-alike punctuation. A curated
 * subset of Unicode's confusables list, restricted to what matters for shell text.
 */
final class Confusables {
    private static final String LETTERS_FROM =
            "аАвВеЕёЁкКмМнНоОрРсСтТуУхХіІјЈѕЅһԁԛԝӏЬ"
                    + "αΑβΒεΕζΖηΗιΙκΚμΜνΝοΟρΡτΤυΥχΧ"
                    + "ıɑɡǀօսհոᴀʀꜱ";
    private static final String LETTERS_TO =
            "aABBeEeEkKMMHHooppccTTyYxXiIjJsShdqwlb"
                    + "aABBeEZZnHiIkKuMvNoOpPtTuYxX"
                    + "iaglouhnars";

    private Confusables() {
    }

    /** The ASCII letter a homoglyph stands for, or 0. */
    static char letter(char c) {
        int at = LETTERS_FROM.indexOf(c);
        return at < 0 ? 0 : LETTERS_TO.charAt(at);
    }

    /** The ASCII punctuation a look-alike stands for, or 0. */
    static char symbol(int cp) {
        return switch (cp) {
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0x2043 -> '-';
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC, 0x02B9, 0x00B4 -> '\'';
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x02BA -> '"';
            case 0x2215, 0x2044, 0x29F8 -> '/';
            case 0x29F5, 0x2216, 0xFE68 -> '\\';
            case 0x2223, 0xFFE8 -> '|';
            case 0x02DC, 0x223C -> '~';
            case 0x2217, 0x204E -> '*';
            case 0x037E -> ';';
            default -> 0;
        };
    }
}
