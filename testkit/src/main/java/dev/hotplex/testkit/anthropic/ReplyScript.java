package dev.hotplex.testkit.anthropic;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Chooses the {@link Reply} to a request: after a tool call came back, a text answer quoting its result;
 * otherwise the first rule whose keyword occurs in the prompt as whole words (case-insensitive); otherwise
 * {@code "pong: <prompt>"}. Keeping this apart from HTTP lets a test read the script as a table.
 */
final class ReplyScript {
    /** Long prompts and tool outputs are cut to this many characters so answers stay short. */
    static final int MAX_ECHO = 100;

    /** One scripted behaviour: when the prompt contains {@code keyword}, answer {@code reply}. */
    record Rule(String keyword, Reply reply) {
        Rule {
            requireNonNull(keyword, "keyword is null");
            requireNonNull(reply, "reply is null");
            if (keyword.isBlank()) {
                throw new IllegalArgumentException("keyword is blank");
            }
            keyword = keyword.toLowerCase(Locale.ROOT);
        }

        /** Whether the prompt holds the keyword as whole words: "hang" matches "hang now", not "change". */
        boolean matches(String prompt) {
            String text = prompt.toLowerCase(Locale.ROOT);
            for (int at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
                int end = at + keyword.length();
                if ((at == 0 || !isWordChar(text.charAt(at - 1))) && (end == text.length() || !isWordChar(text.charAt(end)))) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_';
        }
    }

    private final List<Rule> rules;

    ReplyScript(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    Reply replyTo(MessagesRequest request) {
        requireNonNull(request, "request is null");
        if (request.hasToolResults()) {
            return Reply.text("tool said: " + shorten(String.join("\n", request.toolResults())));
        }
        for (Rule rule : rules) {
            if (rule.matches(request.prompt())) {
                return rule.reply();
            }
        }
        return Reply.text("pong: " + shorten(request.prompt()));
    }

    private static String shorten(String text) {
        if (text.length() <= MAX_ECHO) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_ECHO - 1)) ? MAX_ECHO - 1 : MAX_ECHO;
        return text.substring(0, end) + "...";
    }
}
