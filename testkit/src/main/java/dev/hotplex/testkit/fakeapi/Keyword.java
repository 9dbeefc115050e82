package dev.hotplex.testkit.fakeapi;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * What a fake API's scripted rule looks for in a prompt: the word (or words) as whole words, case-insensitively,
 * so {@code "hang"} is found in {@code "hang now"} but not in {@code "change"}.
 */
public record Keyword(String text) {
    public Keyword {
        requireNonNull(text, "text is null");
        if (text.isBlank()) {
            throw new IllegalArgumentException("keyword is blank");
        }
        text = text.toLowerCase(Locale.ROOT);
    }

    public boolean foundIn(String prompt) {
        String lower = prompt.toLowerCase(Locale.ROOT);
        for (int at = lower.indexOf(text); at >= 0; at = lower.indexOf(text, at + 1)) {
            int end = at + text.length();
            boolean startsWord = at == 0 || !isWordChar(lower.charAt(at - 1));
            boolean endsWord = end == lower.length() || !isWordChar(lower.charAt(end));
            if (startsWord && endsWord) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
