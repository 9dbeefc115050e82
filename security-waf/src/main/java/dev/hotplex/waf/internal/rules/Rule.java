package dev.hotplex.waf.internal.rules;

import dev.hotplex.core.model.Severity;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One compiled rule. {@code escalates} rules (prompt-injection markers) never block by themselves:
 * they raise the severity of whatever else matched in the same prompt and void its exemptions.
 */
public record Rule(String id, String category, Severity severity, Set<Layer> layers, RuleMatcher matcher,
                   String reason, String suggestion, boolean builtIn, boolean escalates) {
    public Rule {
        requireNonNull(id, "id is null");
        requireNonNull(category, "category is null");
        requireNonNull(severity, "severity is null");
        layers = Set.copyOf(layers);
        requireNonNull(matcher, "matcher is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(suggestion, "suggestion is null");
    }

    public boolean appliesTo(Layer layer) {
        return layers.contains(layer);
    }
}
