package dev.hotplex.waf.internal.judge;

import dev.hotplex.core.model.Severity;
import dev.hotplex.core.model.ToolCall;
import dev.hotplex.waf.internal.analysis.CommandAnalyzer;
import dev.hotplex.waf.internal.analysis.CommandFact;
import dev.hotplex.waf.internal.analysis.PathClassifier;
import dev.hotplex.waf.internal.rules.Layer;
import dev.hotplex.waf.internal.rules.Rule;
import dev.hotplex.waf.internal.rules.RuleSet;
import dev.hotplex.waf.internal.search.Matches;
import dev.hotplex.waf.internal.search.SearchText;
import dev.hotplex.waf.internal.search.TextSearch;
import dev.hotplex.waf.internal.text.TextNormaliser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The firewall's pipeline: bound the input, normalise it, find the commands in it (parse, unwrap,
 * decode), apply the command rules, the detectors and the raw-text backstop, and return the most
 * severe finding. Prompts additionally get command extraction from prose and code, exemptions for
 * questions and negations, and severity escalation by prompt-injection markers. Stateless apart
 * from its immutable rules: safe for concurrent use.
 */
public final class Firewall {
    private static final int MAX_FACTS = 5_000;
    private static final int MAX_DEPTH = 8;

    private final RuleSet rules;
    private final int maxInputChars;
    private final TextNormaliser normaliser = new TextNormaliser();
    private final CommandAnalyzer analyzer;
    private final CommandJudge judge;
    private final PromptScanner scanner;
    private final ForkBombDetector forkBombs = new ForkBombDetector();
    private final ToolCallReader toolCalls;
    private final TextSearch search;

    public Firewall(RuleSet rules, int maxInputChars) {
        this.rules = requireNonNull(rules, "rules is null");
        this.maxInputChars = maxInputChars;
        this.analyzer = new CommandAnalyzer(MAX_FACTS, MAX_DEPTH, maxInputChars);
        this.judge = new CommandJudge(rules);
        this.scanner = new PromptScanner(vocabulary(rules));
        this.toolCalls = new ToolCallReader();
        this.search = new TextSearch(rules.textRules().stream().map(rule -> rule.matcher().text()).toList());
    }

    public Optional<Finding> checkPrompt(String prompt, PathClassifier classifier) {
        if (prompt.length() > maxInputChars) {
            return Optional.of(tooLarge(prompt));
        }
        TextNormaliser.Normalised text = normaliser.normalise(prompt);
        List<SearchText> variants = variants(text);
        String marker = injectionMarker(variants);
        PromptScanner.Scan scan = scanner.scan(text.folded());
        List<Finding> findings = new ArrayList<>();
        for (PromptScanner.Candidate candidate : scan.candidates()) {
            if (candidate.exempt() && marker == null) {
                continue;
            }
            findings.addAll(commands(candidate.script(), Layer.PROMPT, classifier));
        }
        boolean execution = scan.executionRequested() || marker != null;
        String bomb = forkBombs.find(text.folded());
        if (bomb != null && (marker != null || !scanner.exemptAt(text.folded(), text.folded().indexOf(bomb), execution, false))) {
            for (Rule rule : rules.detectorRules()) {
                findings.add(Finding.of(rule, bomb));
            }
        }
        for (SearchText variant : variants) {
            String lower = variant.text().toLowerCase(Locale.ROOT);
            for (Rule rule : rules.textRules()) {
                if (!rule.appliesTo(Layer.PROMPT) || rule.escalates() || !rule.matcher().mayMatch(lower)) {
                    continue;
                }
                Matches matches = search.matches(rule.matcher().text(), variant);
                for (int seen = 0; seen < 16 && matches.find(); seen++) {
                    if (!scanner.exemptAt(variant.text(), matches.start(), execution, rule.matcher().intent())) {
                        findings.add(Finding.of(rule, matches.group()));
                        break;
                    }
                }
            }
        }
        Optional<Finding> worst = worst(findings);
        return marker == null ? worst : worst.map(finding -> finding.escalated(marker));
    }

    public Optional<Finding> checkCommand(String command, PathClassifier classifier) {
        if (command.length() > maxInputChars) {
            return Optional.of(tooLarge(command));
        }
        String folded = normaliser.normalise(command).folded();
        List<Finding> findings = new ArrayList<>(commands(folded, Layer.COMMAND, classifier));
        String squashed = squash(folded);
        String lower = folded.toLowerCase(Locale.ROOT);
        String lowerSquashed = squashed.toLowerCase(Locale.ROOT);
        SearchText foldedText = search.prepare(folded);
        SearchText squashedText = search.prepare(squashed);
        for (Rule rule : rules.textRules()) {
            if (rule.appliesTo(Layer.COMMAND) && !rule.escalates()
                    && (rule.matcher().mayMatch(lower) || rule.matcher().mayMatch(lowerSquashed))) {
                Matches matches = search.matches(rule.matcher().text(), foldedText);
                if (matches.find()) {
                    findings.add(Finding.of(rule, matches.group()));
                } else if ((matches = search.matches(rule.matcher().text(), squashedText)).find()) {
                    findings.add(Finding.of(rule, matches.group()));
                }
            }
        }
        return worst(findings);
    }

    public Optional<Finding> checkToolCall(ToolCall call, PathClassifier classifier) {
        ToolCallReader.Reading reading = toolCalls.read(call);
        if (reading.size() > maxInputChars) {
            return Optional.of(new Finding("waf.input-too-large", "input-limit", Severity.HIGH,
                    "The tool call's input (" + reading.size() + " characters) exceeds the firewall's limit of "
                            + maxInputChars + " characters, so it was not inspected; it is blocked rather than "
                            + "let through unseen.",
                    call.toolName(), "Split the work into smaller steps, or raise waf max-input-chars."));
        }
        List<Finding> findings = new ArrayList<>();
        for (String command : reading.commands()) {
            checkCommand(command, classifier).ifPresent(findings::add);
        }
        List<CommandFact> synthetic = reading.facts();
        findings.addAll(judge.judge(synthetic, Layer.COMMAND, classifier));
        return worst(findings);
    }

    private List<Finding> commands(String script, Layer layer, PathClassifier classifier) {
        List<Finding> findings = new ArrayList<>();
        CommandAnalyzer.Result result = analyzer.analyse(script);
        if (result.tooComplex()) {
            findings.add(new Finding("waf.too-complex", "input-limit", Severity.HIGH,
                    "The input nests commands deeper than " + MAX_DEPTH + " levels or holds more than " + MAX_FACTS
                            + " commands, so the firewall could not see all of it; it is blocked rather than let "
                            + "through unseen.",
                    script, "Simplify the command: fewer nested shells, substitutions and decoders."));
        }
        findings.addAll(judge.judge(result.facts(), layer, classifier));
        for (String decoded : result.decoded()) {
            String lower = decoded.toLowerCase(Locale.ROOT);
            SearchText decodedText = null;
            for (Rule rule : rules.textRules()) {
                if (!rule.appliesTo(Layer.COMMAND) || rule.escalates() || !rule.matcher().mayMatch(lower)) {
                    continue;
                }
                decodedText = decodedText == null ? search.prepare(decoded) : decodedText;
                Matches matches = search.matches(rule.matcher().text(), decodedText);
                if (matches.find()) {
                    findings.add(Finding.of(rule, "[decoded] " + matches.group()));
                }
            }
        }
        String bomb = forkBombs.find(script);
        if (bomb != null) {
            for (Rule rule : rules.detectorRules()) {
                if (rule.appliesTo(layer) && rule.matcher().detector().equals("fork-bomb")) {
                    findings.add(Finding.of(rule, bomb));
                }
            }
        }
        return findings;
    }

    private String injectionMarker(List<SearchText> variants) {
        List<String> lowers = new ArrayList<>(variants.size());
        for (Rule rule : rules.textRules()) {
            if (!rule.escalates()) {
                continue;
            }
            for (int k = 0; k < variants.size(); k++) {
                if (lowers.size() == k) {
                    lowers.add(variants.get(k).text().toLowerCase(Locale.ROOT));
                }
                if (!rule.matcher().mayMatch(lowers.get(k))) {
                    continue;
                }
                Matches matches = search.matches(rule.matcher().text(), variants.get(k));
                if (matches.find()) {
                    return rule.id() + ": \"" + shorten(matches.group()) + "\"";
                }
            }
        }
        return null;
    }

    /** The folded text and, when it differs, the unfolded one, each prepared once for the text rules. */
    private List<SearchText> variants(TextNormaliser.Normalised text) {
        return text.folded().equals(text.unfolded()) ? List.of(search.prepare(text.folded()))
                : List.of(search.prepare(text.folded()), search.prepare(text.unfolded()));
    }

    /** The text without quotes and backslashes and with whitespace runs collapsed: the raw backstop's view. */
    private static String squash(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '\\') {
                continue;
            }
            if (c == ' ' || c == '\t') {
                if (!space) {
                    out.append(' ');
                }
                space = true;
                continue;
            }
            space = false;
            out.append(c);
        }
        return out.toString();
    }

    private Finding tooLarge(String input) {
        return new Finding("waf.input-too-large", "input-limit", Severity.HIGH,
                "The input (" + input.length() + " characters) exceeds the firewall's limit of " + maxInputChars
                        + " characters, so it was not inspected; it is blocked rather than let through unseen.",
                input.substring(0, Math.min(80, input.length())),
                "Split the input into smaller pieces, or raise waf max-input-chars.");
    }

    private static Optional<Finding> worst(List<Finding> findings) {
        Finding worst = null;
        for (Finding finding : findings) {
            if (worst == null || finding.severity().compareTo(worst.severity()) > 0) {
                worst = finding;
            }
        }
        return Optional.ofNullable(worst);
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static Set<String> vocabulary(RuleSet rules) {
        Set<String> names = new HashSet<>(List.of("pulumi", "cdk", "serverless", "sls", "eksctl", "doctl", "heroku",
                "flyctl", "fly", "vercel", "netlify", "firebase", "helm", "kind", "passwd", "chpasswd", "visudo",
                "setenforce", "iptables", "ip6tables", "nft", "ufw", "auditctl", "service", "history", "unset", "zpool",
                "zfs", "lvremove", "vgremove", "pvremove", "mdadm", "cryptsetup", "hdparm", "nvme", "diskutil",
                "mimikatz", "security", "update-rc.d", "chkconfig", "rc-update", "mount", "chroot", "nsenter", "xterm",
                "dig", "dropdb", "gh", "glab", "crontab", "launchctl", "journalctl", "killall5", "init", "telinit",
                "systemctl", "sysctl", "useradd", "usermod", "gpasswd", "setcap", "kill", "pkill", "killall"));
        names.addAll(List.of("sudo", "doas", "env", "xargs", "nohup", "timeout", "busybox",
                "bash", "sh", "zsh", "dash", "ksh", "eval", "exec", "su", "ssh", "watch", "find", "python", "python3",
                "perl", "ruby", "node", "php", "echo", "printf", "base64", "xxd", "cd", "alias", "export"));
        for (Rule rule : rules.rules()) {
            collect(rule.matcher(), names);
        }
        return names;
    }

    private static void collect(dev.hotplex.waf.internal.rules.RuleMatcher matcher, Set<String> names) {
        for (String name : matcher.commands()) {
            if (!name.contains("*") && !name.startsWith("tool.")) {
                names.add(name);
            }
        }
        if (matcher.from() != null) {
            collect(matcher.from(), names);
        }
    }
}
