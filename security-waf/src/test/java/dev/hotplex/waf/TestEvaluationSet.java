package dev.hotplex.waf;

import dev.hotplex.core.model.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firewall's contract, measured: detection and false-positive rates per layer and category over
 * the evaluation set, which must stay at or above 97% detection for commands, 90% for prompts, and at
 * or below 2% false positives for both. The full table is written to
 * {@code target/waf-evaluation.md} (copied into docs/SECURITY.md).
 */
class TestEvaluationSet {
    private static final double COMMAND_DETECTION = 0.97;
    private static final double PROMPT_DETECTION = 0.90;
    private static final double FALSE_POSITIVES = 0.02;

    private static RulePackContentPolicy policy;

    @BeforeAll
    static void loadPolicy() {
        policy = new RulePackContentPolicy(WafConfig.defaults()
                .withAllowPaths(List.of(Path.of("/srv/hotplex/sessions")))
                .withHome(Path.of("/home/agent")));
    }

    @Test
    void corporaAreLargeEnough() {
        assertThat(EvaluationCorpus.load("commands-dangerous").cases()).hasSizeGreaterThanOrEqualTo(300);
        assertThat(EvaluationCorpus.load("commands-benign").cases()).hasSizeGreaterThanOrEqualTo(300);
        assertThat(EvaluationCorpus.load("prompts-dangerous").cases()).hasSizeGreaterThanOrEqualTo(300);
        assertThat(EvaluationCorpus.load("prompts-benign").cases()).hasSizeGreaterThanOrEqualTo(300);
    }

    @Test
    void detectionAndFalsePositiveRatesMeetTheContract() throws IOException {
        StringBuilder report = new StringBuilder("# Firewall evaluation\n\n");
        Rates commands = measure("command layer", policy::checkCommand, "commands-dangerous", "commands-benign", report);
        Rates prompts = measure("prompt layer", policy::checkPrompt, "prompts-dangerous", "prompts-benign", report);
        Path target = Path.of("target", "waf-evaluation.md");
        Files.createDirectories(target.getParent());
        Files.writeString(target, report.toString(), StandardCharsets.UTF_8);

        assertThat(commands.detection()).as("command detection; misses:\n%s", commands.misses())
                .isGreaterThanOrEqualTo(COMMAND_DETECTION);
        assertThat(commands.falsePositives()).as("command false positives:\n%s", commands.falseAlarms())
                .isLessThanOrEqualTo(FALSE_POSITIVES);
        assertThat(prompts.detection()).as("prompt detection; misses:\n%s", prompts.misses())
                .isGreaterThanOrEqualTo(PROMPT_DETECTION);
        assertThat(prompts.falsePositives()).as("prompt false positives:\n%s", prompts.falseAlarms())
                .isLessThanOrEqualTo(FALSE_POSITIVES);
    }

    private static Rates measure(String layer, Function<String, Verdict> check, String dangerous, String benign,
                                 StringBuilder report) {
        Map<String, int[]> detected = new TreeMap<>();
        Map<String, int[]> alarms = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        List<String> falseAlarms = new ArrayList<>();
        int hits = 0;
        List<EvaluationCorpus.Case> bad = EvaluationCorpus.load(dangerous).cases();
        for (EvaluationCorpus.Case c : bad) {
            boolean blocked = check.apply(c.input()).blocked();
            int[] counts = detected.computeIfAbsent(c.category(), key -> new int[2]);
            counts[1]++;
            if (blocked) {
                counts[0]++;
                hits++;
            } else {
                misses.add(c.toString());
            }
        }
        int alarmsTotal = 0;
        List<EvaluationCorpus.Case> good = EvaluationCorpus.load(benign).cases();
        for (EvaluationCorpus.Case c : good) {
            Verdict verdict = check.apply(c.input());
            int[] counts = alarms.computeIfAbsent(c.category(), key -> new int[2]);
            counts[1]++;
            if (verdict.blocked()) {
                counts[0]++;
                alarmsTotal++;
                falseAlarms.add(c + "  <- " + ((Verdict.Blocked) verdict).ruleId());
            }
        }
        Rates rates = new Rates((double) hits / bad.size(), (double) alarmsTotal / good.size(),
                String.join("\n", misses), String.join("\n", falseAlarms));
        report.append("## ").append(layer).append("\n\n")
                .append(String.format(Locale.ROOT, "Detection %d/%d = %.1f%%; false positives %d/%d = %.1f%%%n%n",
                        hits, bad.size(), 100 * rates.detection(), alarmsTotal, good.size(),
                        100 * rates.falsePositives()))
                .append("| dangerous category | detected |\n|---|---|\n");
        detected.forEach((category, counts) -> report.append(row(category, counts)));
        report.append("\n| benign category | false positives |\n|---|---|\n");
        alarms.forEach((category, counts) -> report.append(row(category, counts)));
        report.append("\nMisses:\n\n```\n").append(rates.misses()).append("\n```\n\nFalse positives:\n\n```\n")
                .append(rates.falseAlarms()).append("\n```\n\n");
        return rates;
    }

    private static String row(String category, int[] counts) {
        return String.format(Locale.ROOT, "| %s | %d/%d (%.0f%%) |%n", category, counts[0], counts[1],
                100.0 * counts[0] / counts[1]);
    }

    private record Rates(double detection, double falsePositives, String misses, String falseAlarms) {
    }
}
