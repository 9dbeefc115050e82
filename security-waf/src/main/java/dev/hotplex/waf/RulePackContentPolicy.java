package dev.hotplex.waf;

import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.model.Verdict;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.waf.internal.analysis.PathClassifier;
import dev.hotplex.waf.internal.judge.Finding;
import dev.hotplex.waf.internal.judge.Firewall;
import dev.hotplex.waf.internal.rules.PackSource;
import dev.hotplex.waf.internal.rules.RulePackLoader;
import dev.hotplex.waf.internal.rules.RuleSet;
import dev.hotplex.waf.internal.audit.Redactor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The rule-pack firewall behind core's {@link ContentPolicy} port. Built-in packs plus the user's
 * packs are loaded and validated once, at construction (a bad pack fails startup with every problem
 * listed). Prompts and tool calls are judged by the same pipeline; every block names the rule, its
 * category and severity, the reason, what matched (secrets redacted) and a safer suggestion. Inputs
 * above the configured size are blocked as {@code waf.input-too-large}, and anything the firewall
 * cannot finish judging is blocked too (fail closed). Thread-safe.
 */
public final class RulePackContentPolicy implements ContentPolicy {
    private static final System.Logger LOG = System.getLogger(RulePackContentPolicy.class.getName());

    private final WafConfig config;
    private final Firewall firewall;
    private final RuleSet rules;
    private final Redactor redactor = new Redactor();
    private volatile PathClassifier classifier;

    public RulePackContentPolicy(WafConfig config) {
        this.config = requireNonNull(config, "config is null");
        RulePackLoader loader = new RulePackLoader();
        List<PackSource> sources = new ArrayList<>(loader.builtInSources());
        for (Path pack : config.extraPacks()) {
            sources.add(loader.fileSource(pack));
        }
        this.rules = loader.load(sources);
        this.firewall = new Firewall(rules, config.maxInputChars());
        this.classifier = classifier(config.allowPaths());
        LOG.log(System.Logger.Level.INFO, "firewall loaded {0} rules and {1} allow rules from {2} packs",
                rules.rules().size(), rules.allowRules().size(), sources.size());
    }

    @Override
    public Verdict checkPrompt(String prompt) {
        return verdict(() -> firewall.checkPrompt(requireNonNull(prompt, "prompt is null"), classifier));
    }

    @Override
    public Verdict checkToolCall(ToolCall call) {
        return verdict(() -> firewall.checkToolCall(requireNonNull(call, "call is null"), classifier));
    }

    /**
     * Judges one shell command as the agent's Bash tool would run it: the command layer, for
     * {@code hotplex check --command} and other callers that hold a command rather than a tool call.
     * Same as {@code checkToolCall(new ToolCall(id, "Bash", Map.of("command", command)))}.
     */
    public Verdict checkCommand(String command) {
        return checkToolCall(new ToolCall("check", "Bash", Map.of("command", requireNonNull(command, "command is null"))));
    }

    /** Replaces the configured allowed paths (the engine passes the session work dirs' roots here). */
    @Override
    public void setAllowPaths(List<Path> paths) {
        List<Path> all = new ArrayList<>(config.allowPaths());
        all.addAll(requireNonNull(paths, "paths is null"));
        PathClassifier next = classifier(all);
        if (next.allowedRoots().size() < all.size()) {
            LOG.log(System.Logger.Level.WARNING, "ignored allow paths that would allow too much (/, a system "
                    + "directory or a home directory itself); in effect: {0}", next.allowedRoots());
        }
        this.classifier = next;
    }

    /** How many block rules are loaded (for startup logs and {@code hotplex doctor}). */
    public int ruleCount() {
        return rules.rules().size();
    }

    private PathClassifier classifier(List<Path> allowPaths) {
        return new PathClassifier(allowPaths, config.home());
    }

    private Verdict verdict(java.util.function.Supplier<Optional<Finding>> check) {
        try {
            return check.get().<Verdict>map(this::redacted).orElse(Verdict.ALLOWED);
        } catch (RuntimeException bug) {
            LOG.log(System.Logger.Level.ERROR, "the firewall failed to judge an input; blocking it", bug);
            return new Verdict.Blocked("waf.internal-error", "internal", dev.hotplex.core.model.Severity.HIGH,
                    "The firewall failed while judging this input, so it is blocked rather than let through unseen.",
                    "", "Retry; if it persists, report the input to the operators.");
        }
    }

    private Verdict.Blocked redacted(Finding finding) {
        Verdict.Blocked blocked = finding.toVerdict();
        return new Verdict.Blocked(blocked.ruleId(), blocked.category(), blocked.severity(), blocked.reason(),
                redactor.redact(blocked.matched()), blocked.suggestion());
    }
}
