package dev.hotplex.waf.internal.judge;

import com.google.re2j.Pattern;
import dev.hotplex.waf.internal.analysis.CommandFact;
import dev.hotplex.waf.internal.analysis.Glob;
import dev.hotplex.waf.internal.analysis.PathClassifier;
import dev.hotplex.waf.internal.analysis.PathTrait;
import dev.hotplex.waf.internal.rules.AllowRule;
import dev.hotplex.waf.internal.rules.Layer;
import dev.hotplex.waf.internal.rules.Rule;
import dev.hotplex.waf.internal.rules.RuleMatcher;
import dev.hotplex.waf.internal.rules.RuleSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies command rules to the commands an analysis found. Each command is tried only against the
 * rules that name it (plus name-less rules); an allow rule whose anchored pattern matches a
 * command's whole line exempts that one command. Upstream conditions ({@code from}) are memoised
 * per command and matcher, so a long pipeline costs linear time.
 */
public final class CommandJudge {
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1", "0.0.0.0", "[::1]",
            "host.docker.internal", "");

    private final RuleSet rules;

    public CommandJudge(RuleSet rules) {
        this.rules = rules;
    }

    public List<Finding> judge(List<CommandFact> facts, Layer layer, PathClassifier classifier) {
        Evaluation evaluation = new Evaluation(classifier);
        List<Finding> findings = new ArrayList<>();
        for (CommandFact fact : facts) {
            String line = fact.line();
            String lower = null;
            for (Rule rule : rules.commandRulesFor(fact.name())) {
                if (!rule.appliesTo(layer) || rule.escalates()) {
                    continue;
                }
                if (!rule.matcher().keywords().isEmpty()) {
                    lower = lower == null ? line.toLowerCase(Locale.ROOT) : lower;
                    if (!rule.matcher().mayMatch(lower)) {
                        continue;
                    }
                }
                if (!evaluation.matches(rule.matcher(), fact)) {
                    continue;
                }
                if (exempt(line, rule)) {
                    continue;
                }
                String origin = fact.origin().isEmpty() ? "" : "[" + fact.origin() + "] ";
                findings.add(Finding.of(rule, origin + line));
            }
        }
        return findings;
    }

    private boolean exempt(String line, Rule rule) {
        for (AllowRule allow : rules.allowRules()) {
            if (allow.exempts(line, rule)) {
                return true;
            }
        }
        return false;
    }

    /** Per-judgement caches. */
    private static final class Evaluation {
        private final PathClassifier classifier;
        private final Map<String, Set<PathTrait>> traits = new HashMap<>();
        private final Map<RuleMatcher, Map<Integer, Boolean>> upstream = new IdentityHashMap<>();

        Evaluation(PathClassifier classifier) {
            this.classifier = classifier;
        }

        boolean matches(RuleMatcher matcher, CommandFact fact) {
            if (!matcher.commands().isEmpty() && !named(matcher.commands(), fact.name())) {
                return false;
            }
            if (!matcher.anyFlags().isEmpty() || !matcher.allFlags().isEmpty()) {
                Set<String> flags = fact.flags();
                if (!matcher.anyFlags().isEmpty() && matcher.anyFlags().stream().noneMatch(flags::contains)) {
                    return false;
                }
                if (!flags.containsAll(matcher.allFlags())) {
                    return false;
                }
            }
            if (matcher.args() != null && !anyFind(matcher.args(), fact.args())) {
                return false;
            }
            if (matcher.line() != null && !matcher.line().matcher(fact.line()).find()) {
                return false;
            }
            if (matcher.unless() != null && matcher.unless().matcher(fact.line()).find()) {
                return false;
            }
            if (!matcher.target().isEmpty() && !anyHas(fact.pathCandidates(), fact.cwd(), matcher.target())) {
                return false;
            }
            if (!matcher.dest().isEmpty()) {
                List<String> positionals = fact.positionals();
                if (positionals.isEmpty() || !anyHas(List.of(positionals.get(positionals.size() - 1)), fact.cwd(),
                        matcher.dest())) {
                    return false;
                }
            }
            if (!matcher.writes().isEmpty() && !anyHas(fact.writes(), fact.cwd(), matcher.writes())) {
                return false;
            }
            if (!matcher.reads().isEmpty() && !anyHas(fact.reads(), fact.cwd(), matcher.reads())) {
                return false;
            }
            if (matcher.remoteHost() && !remote(fact)) {
                return false;
            }
            return matcher.from() == null || fromUpstream(matcher.from(), fact, 0);
        }

        private boolean fromUpstream(RuleMatcher from, CommandFact fact, int depth) {
            Map<Integer, Boolean> memo = upstream.computeIfAbsent(from, key -> new HashMap<>());
            Boolean known = memo.get(fact.index());
            if (known != null) {
                return known;
            }
            boolean found = false;
            if (depth < 256) {
                for (CommandFact feeder : fact.upstream()) {
                    if (matches(from, feeder) || fromUpstream(from, feeder, depth + 1)) {
                        found = true;
                        break;
                    }
                }
            }
            memo.put(fact.index(), found);
            return found;
        }

        private static boolean named(List<String> names, String name) {
            for (String candidate : names) {
                if (candidate.equals(name) || candidate.indexOf('*') >= 0 && Glob.matches(candidate, name)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean anyFind(Pattern pattern, List<String> values) {
            for (String value : values) {
                if (pattern.matcher(value).find()) {
                    return true;
                }
            }
            return false;
        }

        private boolean anyHas(List<String> paths, String cwd, Set<PathTrait> wanted) {
            for (String path : paths) {
                Set<PathTrait> found = traits.computeIfAbsent(cwd + "\u0000" + path, key -> classifier.classify(path, cwd));
                boolean allowed = found.contains(PathTrait.ALLOWED);
                for (PathTrait trait : wanted) {
                    if (found.contains(trait) && !(allowed && trait.isLocation())) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean remote(CommandFact fact) {
            List<String> args = fact.args();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String host = null;
                if ((arg.equals("-h") || arg.equals("--host") || arg.equals("-H") || arg.equals("--hostname")
                        || arg.equals("--server")) && i + 1 < args.size()) {
                    host = args.get(i + 1);
                } else if (arg.startsWith("--host=") || arg.startsWith("--hostname=") || arg.startsWith("--server=")) {
                    host = arg.substring(arg.indexOf('=') + 1);
                } else if (arg.startsWith("-h") && arg.length() > 2 && !arg.startsWith("-help")) {
                    host = arg.substring(2);
                } else if (arg.contains("://")) {
                    host = urlHost(arg);
                } else if (arg.startsWith("host=") || arg.contains(" host=")) {
                    int at = arg.indexOf("host=") + 5;
                    int end = arg.indexOf(' ', at);
                    host = arg.substring(at, end < 0 ? arg.length() : end);
                }
                if (host != null && !isLocal(host)) {
                    return true;
                }
            }
            return false;
        }

        private static String urlHost(String url) {
            String rest = url.substring(url.indexOf("://") + 3);
            int end = rest.length();
            for (char stop : new char[] {'/', '?', '#'}) {
                int at = rest.indexOf(stop);
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
            String authority = rest.substring(0, end);
            int at = authority.lastIndexOf('@');
            String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                return close < 0 ? hostPort : hostPort.substring(0, close + 1);
            }
            int colon = hostPort.indexOf(':');
            return colon < 0 ? hostPort : hostPort.substring(0, colon);
        }

        private static boolean isLocal(String host) {
            String lower = host.toLowerCase(Locale.ROOT);
            return LOCAL_HOSTS.contains(lower) || lower.startsWith("127.") || lower.startsWith("/")
                    || lower.endsWith(".sock") || lower.endsWith(".localhost");
        }
    }
}
