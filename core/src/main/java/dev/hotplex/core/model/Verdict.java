package dev.hotplex.core.model;

import static java.util.Objects.requireNonNull;

/** The firewall's answer for a prompt or a tool call. Every block explains itself. */
public sealed interface Verdict {
    Verdict ALLOWED = new Allowed();

    boolean blocked();

    record Allowed() implements Verdict {
        @Override
        public boolean blocked() {
            return false;
        }
    }

    /**
     * @param ruleId     {@code pack.rule}
     * @param matched    the text that matched, for the operator (may be shortened)
     * @param suggestion a safer way to do what was probably meant
     */
    record Blocked(String ruleId, String category, Severity severity, String reason, String matched, String suggestion)
            implements Verdict {
        public Blocked {
            requireNonNull(ruleId, "ruleId is null");
            requireNonNull(category, "category is null");
            requireNonNull(severity, "severity is null");
            requireNonNull(reason, "reason is null");
            requireNonNull(matched, "matched is null");
            requireNonNull(suggestion, "suggestion is null");
        }

        @Override
        public boolean blocked() {
            return true;
        }
    }
}
