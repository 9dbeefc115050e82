package dev.hotplex.testkit.anthropic;

import dev.hotplex.testkit.fakeapi.Keyword;

import java.util.List;

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
    record Rule(Keyword keyword, Reply reply) {
        Rule(String keyword, Reply reply) {
            this(new Keyword(keyword), requireNonNull(reply, "reply is null"));
        }

        boolean matches(String prompt) {
            return keyword.foundIn(prompt);
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
