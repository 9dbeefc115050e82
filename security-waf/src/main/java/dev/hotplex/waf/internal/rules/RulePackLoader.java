package dev.hotplex.waf.internal.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.Severity;
import dev.hotplex.waf.internal.analysis.PathTrait;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads rule packs (YAML), validates them and compiles them into a {@link RuleSet}. Every problem
 * is collected and reported in one startup error naming the pack and the rule: unknown keys, a
 * missing field, a bad severity, layer or path class, a regular expression RE2 cannot compile (RE2
 * also rejects backreferences and lookaround, which is what keeps matching linear), an id that is not
 * {@code pack.rule}, a duplicate id, or a pack trying to disable a built-in critical rule.
 */
public final class RulePackLoader {
    /** The packs shipped in the jar, in order; they live under {@code dev/hotplex/waf/packs/}. */
    public static final List<String> BUILT_IN_PACKS = List.of("destructive", "disk", "system", "remote", "secrets",
            "exfiltration", "persistence", "privilege", "git", "database", "cloud", "abuse", "evasion", "injection",
            "intent", "windows");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Set<String> DETECTORS = Set.of("fork-bomb");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The built-in packs' sources, read from the class path. */
    public List<PackSource> builtInSources() {
        List<PackSource> sources = new ArrayList<>();
        for (String pack : BUILT_IN_PACKS) {
            String resource = "/dev/hotplex/waf/packs/" + pack + ".yaml";
            try (InputStream in = RulePackLoader.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new HotplexException(StandardErrorCode.INTERNAL, "built-in rule pack missing: " + resource);
                }
                sources.add(new PackSource(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), true));
            } catch (IOException e) {
                throw new HotplexException(StandardErrorCode.INTERNAL, "cannot read built-in rule pack " + resource, e);
            }
        }
        return sources;
    }

    /** A user pack from a file. */
    public PackSource fileSource(Path file) {
        try {
            return new PackSource(file.toString(), Files.readString(file, StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG,
                    "cannot read rule pack " + file + ": " + e.getMessage(), e);
        }
    }

    /** Validates and compiles {@code sources}; throws one INVALID_CONFIG error listing every problem. */
    public RuleSet load(List<PackSource> sources) {
        List<String> problems = new ArrayList<>();
        Map<String, Rule> rules = new java.util.LinkedHashMap<>();
        List<AllowRule> allowRules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, String> disabled = new HashMap<>();
        for (PackSource source : sources) {
            PackDocument document = parse(source, problems);
            if (document == null) {
                continue;
            }
            Context context = new Context(source, document.pack(), problems);
            if (document.pack() == null || !NAME.matches(document.pack())) {
                context.problem("pack", "'pack' must be a lower-case name like 'destructive', got "
                        + quote(document.pack()));
                continue;
            }
            if ((document.rules() == null || document.rules().isEmpty())
                    && (document.allow() == null || document.allow().isEmpty())
                    && (document.disable() == null || document.disable().isEmpty())) {
                context.problem("pack", "the pack has no rules, allow rules or disable entries");
            }
            for (PackDocument.RuleDocument rule : nonNull(document.rules())) {
                Rule compiled = compileRule(rule, context);
                if (compiled != null && claim(ids, compiled.id(), context)) {
                    rules.put(compiled.id(), compiled);
                }
            }
            for (PackDocument.AllowDocument allow : nonNull(document.allow())) {
                AllowRule compiled = compileAllow(allow, context);
                if (compiled != null && claim(ids, compiled.id(), context)) {
                    allowRules.add(compiled);
                }
            }
            for (String id : nonNull(document.disable())) {
                disabled.put(id, source.origin());
            }
        }
        for (Map.Entry<String, String> entry : disabled.entrySet()) {
            Rule rule = rules.get(entry.getKey());
            if (rule == null) {
                problems.add("rule pack " + entry.getValue() + ": cannot disable '" + entry.getKey()
                        + "': no such rule");
            } else if (rule.builtIn() && rule.severity() == Severity.CRITICAL) {
                problems.add("rule pack " + entry.getValue() + ": cannot disable '" + entry.getKey()
                        + "': built-in critical rules cannot be disabled");
            } else {
                rules.remove(entry.getKey());
            }
        }
        if (!problems.isEmpty()) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG,
                    "invalid firewall rule packs:\n  - " + String.join("\n  - ", problems));
        }
        return new RuleSet(List.copyOf(rules.values()), allowRules);
    }

    private PackDocument parse(PackSource source, List<String> problems) {
        try {
            PackDocument document = yaml.readValue(source.content(), PackDocument.class);
            if (document == null) {
                problems.add("rule pack " + source.origin() + ": the file is empty");
            }
            return document;
        } catch (JsonProcessingException e) {
            problems.add("rule pack " + source.origin() + ": not a valid pack: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
            return null;
        }
    }

    private static boolean claim(Set<String> ids, String id, Context context) {
        if (!ids.add(id)) {
            context.problem(id, "duplicate rule id (ids are unique across all packs)");
            return false;
        }
        return true;
    }

    private Rule compileRule(PackDocument.RuleDocument rule, Context context) {
        String id = rule.id() == null ? "(rule without id)" : rule.id();
        int before = context.problems.size();
        checkId(rule.id(), context);
        require(id, "category", rule.category(), context);
        require(id, "reason", rule.reason(), context);
        require(id, "suggestion", rule.suggestion(), context);
        Severity severity = severity(id, rule.severity(), context);
        if (rule.match() == null) {
            context.problem(id, "missing field 'match'");
            return null;
        }
        RuleMatcher matcher = matcher(id, rule.match(), context, 0);
        Set<Layer> layers = layers(id, rule.layers(), matcher, context);
        if (context.problems.size() > before || matcher == null || severity == null) {
            return null;
        }
        if (rule.category() != null && !NAME.matches(rule.category())) {
            context.problem(id, "category must be a lower-case name like 'destructive-delete'");
            return null;
        }
        return new Rule(rule.id(), rule.category(), severity, layers, matcher, rule.reason().strip(),
                rule.suggestion().strip(), context.source.builtIn(), Boolean.TRUE.equals(rule.escalate()));
    }

    private AllowRule compileAllow(PackDocument.AllowDocument allow, Context context) {
        String id = allow.id() == null ? "(allow rule without id)" : allow.id();
        int before = context.problems.size();
        checkId(allow.id(), context);
        require(id, "reason", allow.reason(), context);
        require(id, "line", allow.line(), context);
        Pattern line = allow.line() == null ? null : regex(id, "line", allow.line(), context);
        if (context.problems.size() > before || line == null) {
            return null;
        }
        return new AllowRule(allow.id(), line, allow.reason().strip(), context.source.builtIn());
    }

    private void checkId(String id, Context context) {
        if (id == null || id.isBlank()) {
            context.problem("(rule without id)", "missing field 'id'");
            return;
        }
        String prefix = context.pack + ".";
        if (!id.startsWith(prefix) || !NAME.matches(id.substring(prefix.length()))) {
            context.problem(id, "id must be '" + context.pack + ".<rule>' with a lower-case rule name");
        }
    }

    private static void require(String id, String field, String value, Context context) {
        if (value == null || value.isBlank()) {
            context.problem(id, "missing field '" + field + "'");
        }
    }

    private static Severity severity(String id, String value, Context context) {
        if (value == null) {
            context.problem(id, "missing field 'severity'");
            return null;
        }
        try {
            return Severity.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            context.problem(id, "severity must be one of critical, high, medium, low; got " + quote(value));
            return null;
        }
    }

    private static Set<Layer> layers(String id, List<String> names, RuleMatcher matcher, Context context) {
        if (names == null || names.isEmpty()) {
            return matcher != null && matcher.intent() ? EnumSet.of(Layer.PROMPT) : EnumSet.allOf(Layer.class);
        }
        Set<Layer> layers = EnumSet.noneOf(Layer.class);
        for (String name : names) {
            try {
                layers.add(Layer.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                context.problem(id, "layers must be 'prompt' and/or 'command'; got " + quote(name));
            }
        }
        if (matcher != null && matcher.intent() && layers.contains(Layer.COMMAND)) {
            context.problem(id, "natural-language intent rules apply to the prompt layer only");
        }
        return layers;
    }

    private RuleMatcher matcher(String id, PackDocument.MatchDocument match, Context context, int depth) {
        boolean text = match.text() != null;
        boolean detector = match.detector() != null;
        boolean command = match.command() != null || match.flags() != null || match.allFlags() != null
                || match.args() != null || match.line() != null || match.target() != null || match.dest() != null
                || match.writes() != null || match.reads() != null || match.host() != null || match.from() != null;
        int kinds = (text ? 1 : 0) + (detector ? 1 : 0) + (command ? 1 : 0);
        if (kinds != 1) {
            context.problem(id, kinds == 0 ? "'match' has no condition"
                    : "'match' mixes kinds: use either 'text', or 'detector', or command conditions");
            return null;
        }
        if (depth > 0 && !command) {
            context.problem(id, "'from' takes command conditions only");
            return null;
        }
        if (detector && !DETECTORS.contains(match.detector())) {
            context.problem(id, "unknown detector " + quote(match.detector()) + "; known: " + DETECTORS);
            return null;
        }
        if (Boolean.TRUE.equals(match.intent()) && !text) {
            context.problem(id, "'intent' applies to 'text' matchers only");
        }
        if (match.unless() != null && !command) {
            context.problem(id, "'unless' applies to command matchers only");
        }
        if (match.host() != null && !match.host().equals("remote")) {
            context.problem(id, "'host' supports only 'remote'");
        }
        List<String> commands = new ArrayList<>();
        for (String name : nonNull(match.command())) {
            if (name == null || name.isBlank() || !name.equals(name.toLowerCase(Locale.ROOT))) {
                context.problem(id, "command names are lower case, got " + quote(name));
            } else {
                commands.add(name);
            }
        }
        return new RuleMatcher(commands, flags(match.flags()), flags(match.allFlags()),
                regex(id, "args", match.args(), context), regex(id, "line", match.line(), context),
                regex(id, "unless", match.unless(), context), traits(id, "target", match.target(), context),
                traits(id, "dest", match.dest(), context), traits(id, "writes", match.writes(), context),
                traits(id, "reads", match.reads(), context), match.host() != null,
                match.from() == null ? null : matcher(id, match.from(), context, depth + 1),
                regex(id, "text", match.text(), context), Boolean.TRUE.equals(match.intent()), match.detector(),
                keywords(id, match, context));
    }

    private static List<String> keywords(String id, PackDocument.MatchDocument match, Context context) {
        if (match.keywords() == null) {
            return List.of();
        }
        if (match.detector() != null) {
            context.problem(id, "'keywords' do not apply to detectors");
        }
        List<String> keywords = new ArrayList<>();
        for (String keyword : match.keywords()) {
            if (keyword == null || keyword.isEmpty() || !keyword.equals(keyword.toLowerCase(Locale.ROOT))) {
                context.problem(id, "keywords are non-empty and lower case, got " + quote(keyword));
            } else {
                keywords.add(keyword);
            }
        }
        return keywords;
    }

    private static Set<String> flags(List<String> flags) {
        return flags == null ? Set.of() : new LinkedHashSet<>(flags);
    }

    private static Pattern regex(String id, String field, String source, Context context) {
        if (source == null) {
            return null;
        }
        try {
            return Pattern.compile(source, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            context.problem(id, "'" + field + "' is not a valid RE2 regular expression (" + e.getDescription()
                    + "): " + quote(source));
            return null;
        }
    }

    private static Set<PathTrait> traits(String id, String field, List<String> names, Context context) {
        Set<PathTrait> traits = EnumSet.noneOf(PathTrait.class);
        for (String name : nonNull(names)) {
            PathTrait found = null;
            for (PathTrait trait : PathTrait.values()) {
                if (trait.packName().equals(name)) {
                    found = trait;
                }
            }
            if (found == null) {
                context.problem(id, "unknown path class " + quote(name) + " in '" + field + "'");
            } else {
                traits.add(found);
            }
        }
        return traits;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String quote(String value) {
        return value == null ? "(nothing)" : "'" + value + "'";
    }

    private record Context(PackSource source, String pack, List<String> problems) {
        void problem(String id, String problem) {
            problems.add("rule pack " + source.origin() + ": " + id + ": " + problem);
        }
    }
}
