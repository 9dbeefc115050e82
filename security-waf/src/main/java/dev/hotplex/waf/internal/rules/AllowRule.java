package dev.hotplex.waf.internal.rules;

import com.google.re2j.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A benign exception: when a command's whole canonical line matches {@code line} (anchored at both
 * ends), block rules are not applied to that one command. A pack's own allow rule never exempts a
 * built-in critical rule.
 */
public record AllowRule(String id, Pattern line, String reason, boolean builtIn) {
    public AllowRule {
        requireNonNull(id, "id is null");
        requireNonNull(line, "line is null");
        requireNonNull(reason, "reason is null");
    }

    public boolean exempts(String commandLine, Rule rule) {
        if (!builtIn && rule.builtIn() && rule.severity() == dev.hotplex.core.model.Severity.CRITICAL) {
            return false;
        }
        return line.matches(commandLine);
    }
}
