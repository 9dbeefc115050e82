package dev.hotplex.waf.internal.analysis;

import dev.hotplex.waf.internal.shell.Part;
import dev.hotplex.waf.internal.shell.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands a word the way the shell would, as far as it can be known without running anything:
 * known variables and defaults ({@code ${X:-rm}}), {@code $IFS} as a word break, {@code $HOME} as
 * {@code ~}, statically known substitutions ({@code $(echo rm)}), word splitting of unquoted
 * results and brace expansion ({@code {rm,-rf,/}}). What cannot be known stays visible as
 * {@code $NAME} or {@code $(...)}.
 */
final class Expander {
    static final String UNKNOWN_SUBSTITUTION = "$(...)";
    private static final int MAX_BRACE_RESULTS = 32;
    private static final int MAX_VALUE_CHARS = 65_536;

    /** Runs substitutions for the expander: analyses them and returns their output when it is static. */
    interface Substitutions {
        String command(String source);

        void process(String source, boolean input);
    }

    List<String> expand(Word word, Env env, Substitutions substitutions) {
        Fields fields = new Fields();
        boolean braces = false;
        for (Part part : word.parts()) {
            switch (part) {
                case Part.Literal literal -> {
                    fields.append(literal.text());
                    braces |= !literal.quoted() && literal.text().indexOf('{') >= 0;
                }
                case Part.Parameter parameter -> parameter(parameter, env, fields);
                case Part.CommandSubstitution substitution -> {
                    String output = substitutions.command(substitution.source());
                    if (output == null) {
                        fields.append(UNKNOWN_SUBSTITUTION);
                    } else if (substitution.quoted()) {
                        fields.append(output);
                    } else {
                        fields.appendSplit(output);
                    }
                }
                case Part.ProcessSubstitution substitution -> {
                    substitutions.process(substitution.source(), substitution.input());
                    fields.append(substitution.input() ? "<(...)" : ">(...)");
                }
                case Part.Arithmetic ignored -> fields.append("0");
            }
        }
        List<String> result = fields.result();
        if (!braces) {
            return result;
        }
        List<String> expanded = new ArrayList<>();
        for (String field : result) {
            braceExpand(field, expanded, 0);
        }
        return expanded;
    }

    private static void parameter(Part.Parameter parameter, Env env, Fields fields) {
        String name = parameter.name();
        if (name.equals("IFS")) {
            if (parameter.quoted()) {
                fields.append(" ");
            } else {
                fields.split();
            }
            return;
        }
        String value = switch (name) {
            case "HOME" -> "~";
            case "PWD" -> ".";
            case "TMPDIR" -> "/tmp";
            default -> env.variable(name);
        };
        String operator = parameter.operator();
        if (value == null && (operator.equals(":-") || operator.equals("-") || operator.equals(":=")
                || operator.equals("="))) {
            value = stripQuotes(parameter.operand());
        }
        if (value == null) {
            fields.append("${" + name + "}");
            return;
        }
        if (value.length() > MAX_VALUE_CHARS) {
            value = value.substring(0, MAX_VALUE_CHARS);
        }
        if (parameter.quoted()) {
            fields.append(value);
        } else {
            fields.appendSplit(value);
        }
    }

    private static String stripQuotes(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\'' && c != '"' && c != '\\') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Expands the first {@code {a,b}} group of {@code field}, recursively, into {@code out}. */
    static void braceExpand(String field, List<String> out, int depth) {
        int open = -1;
        int close = -1;
        boolean comma = false;
        int level = 0;
        for (int i = 0; i < field.length() && close < 0; i++) {
            char c = field.charAt(i);
            if (c == '{') {
                if (level == 0) {
                    open = i;
                    comma = false;
                }
                level++;
            } else if (c == '}' && level > 0) {
                level--;
                if (level == 0 && comma) {
                    close = i;
                }
            } else if (c == ',' && level == 1) {
                comma = true;
            }
        }
        if (open < 0 || close < 0 || depth > 3 || out.size() >= MAX_BRACE_RESULTS) {
            out.add(field);
            return;
        }
        String prefix = field.substring(0, open);
        String suffix = field.substring(close + 1);
        List<String> alternatives = new ArrayList<>();
        int start = open + 1;
        level = 0;
        for (int i = open + 1; i < close; i++) {
            char c = field.charAt(i);
            if (c == '{') {
                level++;
            } else if (c == '}') {
                level--;
            } else if (c == ',' && level == 0) {
                alternatives.add(field.substring(start, i));
                start = i + 1;
            }
        }
        alternatives.add(field.substring(start, close));
        for (String alternative : alternatives) {
            if (out.size() >= MAX_BRACE_RESULTS) {
                return;
            }
            String combined = prefix + alternative + suffix;
            if (!combined.isEmpty()) {
                braceExpand(combined, out, depth + 1);
            }
        }
    }

    /** The fields of one word as they are being built. */
    private static final class Fields {
        private final List<String> done = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private boolean started;

        void append(String text) {
            current.append(text);
            started = true;
        }

        void split() {
            if (!current.isEmpty()) {
                done.add(current.toString());
                current.setLength(0);
            }
            started = false;
        }

        void appendSplit(String text) {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    split();
                } else {
                    current.append(c);
                    started = true;
                }
                i++;
            }
        }

        List<String> result() {
            if (started || !current.isEmpty()) {
                done.add(current.toString());
            }
            return done;
        }
    }
}
