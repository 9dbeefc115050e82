package dev.hotplex.core.service;

import dev.hotplex.core.model.ToolCall;

import java.util.List;
import java.util.Optional;

/**
 * Claude-style tool rules, as given to {@code --allowedTools}/{@code --disallowedTools}: a bare tool name
 * ({@code Read}) matches every call of that tool; {@code Bash(git log:*)} matches Bash calls whose
 * command starts with {@code git log}; {@code Bash(npm test)} matches that exact command. For file tools
 * the specifier applies to {@code file_path}.
 */
record ToolRules(List<String> rules) {
    ToolRules {
        rules = List.copyOf(rules);
    }

    boolean matches(ToolCall call) {
        return rules.stream().anyMatch(rule -> matches(rule.strip(), call));
    }

    private static boolean matches(String rule, ToolCall call) {
        int open = rule.indexOf('(');
        if (open < 0 || !rule.endsWith(")")) {
            return rule.equals(call.toolName());
        }
        if (!rule.substring(0, open).equals(call.toolName())) {
            return false;
        }
        String specifier = rule.substring(open + 1, rule.length() - 1);
        Optional<String> subject = call.stringInput("command").or(() -> call.stringInput("file_path"))
                .or(() -> call.stringInput("url")).map(String::strip);
        if (subject.isEmpty()) {
            return false;
        }
        if (specifier.endsWith(":*")) {
            String prefix = specifier.substring(0, specifier.length() - 2);
            // a prefix rule must not let a chained command through: "git log; rm -rf ~" is not "git log"
            return subject.get().startsWith(prefix) && !containsShellChaining(subject.get().substring(prefix.length()));
        }
        return subject.get().equals(specifier);
    }

    private static boolean containsShellChaining(String rest) {
        for (String operator : List.of(";", "&", "|", "`", "$(", "\n", ">", "<")) {
            if (rest.contains(operator)) {
                return true;
            }
        }
        return false;
    }
}
