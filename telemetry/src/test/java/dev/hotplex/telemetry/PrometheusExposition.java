package dev.hotplex.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, written from the format's description: every line is
 * a {@code # HELP}, a {@code # TYPE} or a sample; names and label names are valid; label values are escaped; every
 * sample belongs to a family declared by a preceding {@code # TYPE}; histograms have cumulative buckets ending in
 * {@code le="+Inf"} equal to {@code _count}. Anything else is an {@link AssertionError} naming the line.
 */
public final class PrometheusExposition {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME.pattern() + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME.pattern() + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME.pattern() + ")(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String key) {
            return labels.get(key);
        }
    }

    private final Map<String, String> types = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusExposition() {
    }

    public static PrometheusExposition parse(String text) {
        PrometheusExposition exposition = new PrometheusExposition();
        String[] lines = text.split("\n", -1);
        if (!lines[lines.length - 1].isEmpty()) {
            throw new AssertionError("the exposition must end with a newline");
        }
        for (int i = 0; i < lines.length - 1; i++) {
            exposition.line(lines[i], i + 1);
        }
        exposition.checkHistograms();
        return exposition;
    }

    public Map<String, String> types() {
        return types;
    }

    public List<Sample> samples(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }

    public Optional<Sample> sample(String name, Map<String, String> labels) {
        return samples(name).stream().filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .findFirst();
    }

    public double sum(String name) {
        return samples(name).stream().mapToDouble(Sample::value).sum();
    }

    private void line(String line, int number) {
        Matcher help = HELP.matcher(line);
        Matcher type = TYPE.matcher(line);
        Matcher sample = SAMPLE.matcher(line);
        if (help.matches()) {
            return;
        }
        if (type.matches()) {
            if (types.put(type.group(1), type.group(2)) != null) {
                throw new AssertionError("line " + number + ": family declared twice: " + line);
            }
            return;
        }
        if (!sample.matches()) {
            throw new AssertionError("line " + number + " is not HELP, TYPE or a sample: " + line);
        }
        String name = sample.group(1);
        String family = family(name);
        if (family == null) {
            throw new AssertionError("line " + number + ": sample of an undeclared family: " + line);
        }
        Map<String, String> labels = new TreeMap<>();
        if (sample.group(3) != null && !sample.group(3).isEmpty()) {
            Matcher label = LABEL.matcher(sample.group(3));
            int at = 0;
            while (at < sample.group(3).length()) {
                if (!label.find(at) || label.start() != at) {
                    throw new AssertionError("line " + number + ": bad label set: " + sample.group(3));
                }
                if (labels.put(label.group(1), unescape(label.group(2))) != null) {
                    throw new AssertionError("line " + number + ": repeated label " + label.group(1));
                }
                at = label.end();
            }
        }
        samples.add(new Sample(name, labels, value(sample.group(4), number)));
    }

    /** The declared family a sample name belongs to ({@code x_bucket}, {@code x_sum}, {@code x_count} → {@code x}). */
    private String family(String name) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if ("histogram".equals(types.get(base))) {
                    return base;
                }
            }
        }
        return null;
    }

    private void checkHistograms() {
        types.forEach((family, type) -> {
            if (!type.equals("histogram")) {
                return;
            }
            Map<Map<String, String>, List<Sample>> series = new LinkedHashMap<>();
            for (Sample bucket : samples(family + "_bucket")) {
                Map<String, String> key = new TreeMap<>(bucket.labels());
                key.remove("le");
                series.computeIfAbsent(key, k -> new ArrayList<>()).add(bucket);
            }
            series.forEach((labels, buckets) -> {
                double previous = 0;
                for (Sample bucket : buckets) {
                    if (bucket.value() < previous) {
                        throw new AssertionError(family + " buckets are not cumulative: " + buckets);
                    }
                    previous = bucket.value();
                }
                Sample last = buckets.getLast();
                if (!"+Inf".equals(last.label("le"))) {
                    throw new AssertionError(family + " does not end with le=\"+Inf\": " + buckets);
                }
                double count = samples(family + "_count").stream().filter(sample -> sample.labels().equals(labels))
                        .findFirst().orElseThrow(() -> new AssertionError(family + "_count missing for " + labels))
                        .value();
                if (count != last.value()) {
                    throw new AssertionError(family + ": +Inf bucket " + last.value() + " != count " + count);
                }
            });
        });
    }

    private static double value(String text, int number) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AssertionError("line " + number + ": not a number: " + text, e);
                }
            }
        };
    }

    private static String unescape(String value) {
        return value.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
