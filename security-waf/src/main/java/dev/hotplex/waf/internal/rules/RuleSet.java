package dev.hotplex.waf.internal.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All loaded rules and allow rules, indexed for matching: command rules by the exact command names
 * they name (so a command is only tried against rules that could match it), the rest in lists.
 */
public final class RuleSet {
    private final List<Rule> rules;
    private final List<AllowRule> allowRules;
    private final Map<String, List<Rule>> byCommand = new HashMap<>();
    private final List<Rule> anyCommand = new ArrayList<>();
    private final List<Rule> textRules = new ArrayList<>();
    private final List<Rule> detectorRules = new ArrayList<>();

    public RuleSet(List<Rule> rules, List<AllowRule> allowRules) {
        this.rules = List.copyOf(rules);
        this.allowRules = List.copyOf(allowRules);
        for (Rule rule : this.rules) {
            RuleMatcher matcher = rule.matcher();
            if (matcher.isText()) {
                textRules.add(rule);
            } else if (matcher.isDetector()) {
                detectorRules.add(rule);
            } else if (matcher.commands().isEmpty() || matcher.commands().stream().anyMatch(n -> n.contains("*"))) {
                anyCommand.add(rule);
            } else {
                for (String name : matcher.commands()) {
                    byCommand.computeIfAbsent(name, key -> new ArrayList<>()).add(rule);
                }
            }
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<AllowRule> allowRules() {
        return allowRules;
    }

    /** Command rules that may match a command called {@code name}, in pack order. */
    public List<Rule> commandRulesFor(String name) {
        List<Rule> named = byCommand.getOrDefault(name, List.of());
        if (named.isEmpty()) {
            return anyCommand;
        }
        List<Rule> all = new ArrayList<>(named.size() + anyCommand.size());
        all.addAll(named);
        all.addAll(anyCommand);
        return all;
    }

    public List<Rule> textRules() {
        return textRules;
    }

    public List<Rule> detectorRules() {
        return detectorRules;
    }
}
