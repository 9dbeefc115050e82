package dev.hotplex.waf.internal.judge;

import dev.hotplex.core.model.Severity;
import dev.hotplex.core.model.Verdict;
import dev.hotplex.waf.internal.rules.Rule;

import static java.util.Objects.requireNonNull;

/** A rule that matched, what it matched, and at which severity (which a prompt-injection marker may raise). */
public record Finding(String ruleId, String category, Severity severity, String reason, String matched,
                      String suggestion) {
    private static final int MAX_MATCHED = 240;

    public Finding {
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(severity, "severity is null");
        matched = shorten(matched);
    }

    static Finding of(Rule rule, String matched) {
        return new Finding(rule.id(), rule.category(), rule.severity(), rule.reason(), matched, rule.suggestion());
    }

    /** One severity step up, saying why. */
    Finding escalated(String marker) {
        Severity raised = severity == Severity.CRITICAL ? Severity.CRITICAL : Severity.values()[severity.ordinal() + 1];
        return new Finding(ruleId, category, raised, reason + " Severity raised: the prompt also carries a "
                + "prompt-injection marker (" + marker + ").", matched, suggestion);
    }

    public Verdict.Blocked toVerdict() {
        return new Verdict.Blocked(ruleId, category, severity, reason, matched, suggestion);
    }

    private static String shorten(String text) {
        String single = text == null ? "" : text.replace('\n', ' ').strip();
        return single.length() <= MAX_MATCHED ? single : single.substring(0, MAX_MATCHED - 3) + "...";
    }
}
