package dev.hotplex.waf.internal.rules;

import java.util.List;

/** A rule pack as written in YAML; validated and compiled by {@link RulePackLoader}. */
record PackDocument(String pack, String description, List<RuleDocument> rules, List<AllowDocument> allow,
                    List<String> disable) {

    record RuleDocument(String id, String category, String severity, List<String> layers, MatchDocument match,
                        String reason, String suggestion, Boolean escalate) {
    }

    record AllowDocument(String id, String line, String reason) {
    }

    record MatchDocument(List<String> command, List<String> flags, List<String> allFlags, String args, String line,
                         String unless, List<String> target, List<String> dest, List<String> writes,
                         List<String> reads, String host, MatchDocument from, String text, Boolean intent,
                         String detector, List<String> keywords) {
    }
}
