package dev.hotplex.waf.internal.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One command the script would run, after unwrapping, unquoting and expansion: what the rules
 * judge. {@code previous} is the pipeline stage feeding its standard input; {@code feeders} are
 * other commands whose output it consumes (substitutions in its arguments, a script file written
 * earlier). {@code origin} says how it was found ({@code ""} for plain commands, else e.g.
 * {@code decoded}, {@code code}).
 *
 * @param cwd the directory relative paths resolve against: {@code "."} for the session's work dir
 */
public record CommandFact(int index, String name, List<String> args, List<String> writes, List<String> reads,
                          CommandFact previous, List<CommandFact> feeders, String cwd, List<String> stdin,
                          String origin) {
    public CommandFact {
        args = List.copyOf(args);
        writes = List.copyOf(writes);
        reads = List.copyOf(reads);
        feeders = List.copyOf(feeders);
        stdin = List.copyOf(stdin);
    }

    /** Direct upstream commands: the previous pipeline stage and the feeders. */
    public List<CommandFact> upstream() {
        if (previous == null) {
            return feeders;
        }
        List<CommandFact> all = new ArrayList<>(feeders.size() + 1);
        all.add(previous);
        all.addAll(feeders);
        return all;
    }

    /** The canonical one-line rendering rules' regexes see: {@code name args > writes < reads}. */
    public String line() {
        StringBuilder line = new StringBuilder(name);
        for (String arg : args) {
            line.append(' ').append(arg);
        }
        for (String target : writes) {
            line.append(" > ").append(target);
        }
        for (String source : reads) {
            line.append(" < ").append(source);
        }
        return line.toString();
    }

    /** Option names: each letter of a short cluster ({@code -rf}: r, f), the whole token, and long names. */
    public Set<String> flags() {
        Set<String> flags = new LinkedHashSet<>();
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.startsWith("--") && arg.length() > 2) {
                int eq = arg.indexOf('=');
                flags.add(arg.substring(2, eq < 0 ? arg.length() : eq));
            } else if (arg.startsWith("-") && arg.length() > 1) {
                int eq = arg.indexOf('=');
                String cluster = arg.substring(1, eq < 0 ? arg.length() : eq);
                flags.add(cluster);
                for (int i = 0; i < cluster.length(); i++) {
                    flags.add(String.valueOf(cluster.charAt(i)));
                }
            }
        }
        return flags;
    }

    /** Arguments that are not options (everything after {@code --}). */
    public List<String> positionals() {
        List<String> positionals = new ArrayList<>();
        boolean options = true;
        for (String arg : args) {
            if (options && arg.equals("--")) {
                options = false;
            } else if (!options || !arg.startsWith("-") || arg.equals("-")) {
                positionals.add(arg);
            }
        }
        return positionals;
    }

    /**
     * Every string that may name a file: positionals, option values after {@code =}, {@code @file}
     * upload syntax, and redirection targets.
     */
    public List<String> pathCandidates() {
        List<String> candidates = new ArrayList<>();
        boolean options = true;
        for (String arg : args) {
            if (options && arg.equals("--")) {
                options = false;
                continue;
            }
            boolean option = options && arg.startsWith("-") && arg.length() > 1;
            if (!option) {
                addCandidate(candidates, arg);
            }
            int eq = arg.indexOf('=');
            if (eq >= 0 && eq + 1 < arg.length()) {
                addCandidate(candidates, arg.substring(eq + 1));
            }
            int at = arg.indexOf('@');
            if (at >= 0 && at + 1 < arg.length() && (at == 0 || option || eq >= 0)) {
                addCandidate(candidates, arg.substring(at + 1));
            }
        }
        return candidates;
    }

    private static void addCandidate(List<String> candidates, String value) {
        String trimmed = value.startsWith("@") ? value.substring(1) : value;
        if (!trimmed.isEmpty()) {
            candidates.add(trimmed);
        }
    }
}
