package dev.hotplex.telemetry.sdk;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.resources.Resource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes OpenTelemetry metric data in the Prometheus text exposition format 0.0.4, following OpenTelemetry's
 * Prometheus compatibility rules: dots become underscores, the unit becomes a suffix ({@code s} → {@code _seconds},
 * annotations like {@code {token}} are dropped), monotonic sums are counters ending in {@code _total}, other sums and
 * gauges are gauges, histograms get cumulative {@code _bucket{le=...}}, {@code _sum} and {@code _count}; the resource
 * becomes {@code target_info}. Exponential histograms and summaries are not produced by hotplex and are skipped.
 */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Map<String, String> UNIT_SUFFIXES = Map.of(
            "s", "seconds", "ms", "milliseconds", "By", "bytes", "%", "percent");

    private PrometheusText() {
    }

    static String write(Collection<MetricData> metrics, Resource resource) {
        StringBuilder out = new StringBuilder();
        targetInfo(resource, out);
        // one family per name, even if two scopes used it
        Map<String, List<MetricData>> families = new TreeMap<>();
        for (MetricData metric : metrics) {
            families.computeIfAbsent(familyName(metric), name -> new ArrayList<>()).add(metric);
        }
        families.forEach((name, members) -> family(name, members, out));
        return out.toString();
    }

    /** The Prometheus name of a metric: sanitized, unit suffix, {@code _total} for counters. */
    static String familyName(MetricData metric) {
        String name = sanitize(metric.getName());
        String suffix = unitSuffix(metric.getUnit());
        if (!suffix.isEmpty() && !name.endsWith("_" + suffix)) {
            name = name + "_" + suffix;
        }
        if (isCounter(metric) && !name.endsWith("_total")) {
            name = name + "_total";
        }
        return name;
    }

    private static void family(String name, List<MetricData> members, StringBuilder out) {
        MetricData first = members.getFirst();
        String type = switch (first.getType()) {
            case LONG_SUM, DOUBLE_SUM -> isCounter(first) ? "counter" : "gauge";
            case LONG_GAUGE, DOUBLE_GAUGE -> "gauge";
            case HISTOGRAM -> "histogram";
            case EXPONENTIAL_HISTOGRAM, SUMMARY -> null;
        };
        if (type == null) {
            return;
        }
        if (!first.getDescription().isEmpty()) {
            out.append("# HELP ").append(name).append(' ').append(escapeHelp(first.getDescription())).append('\n');
        }
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (MetricData metric : members) {
            for (PointData point : sorted(metric.getData().getPoints())) {
                switch (point) {
                    case LongPointData value -> sample(out, name, point.getAttributes(), null, Long.toString(value.getValue()));
                    case DoublePointData value -> sample(out, name, point.getAttributes(), null, number(value.getValue()));
                    case HistogramPointData histogram -> histogram(out, name, histogram);
                    default -> {
                        // not produced by hotplex's instruments
                    }
                }
            }
        }
    }

    private static void histogram(StringBuilder out, String name, HistogramPointData point) {
        String base = name;
        long cumulative = 0;
        List<Double> boundaries = point.getBoundaries();
        List<Long> counts = point.getCounts();
        for (int i = 0; i < boundaries.size(); i++) {
            cumulative += counts.get(i);
            sample(out, base + "_bucket", point.getAttributes(), number(boundaries.get(i)), Long.toString(cumulative));
        }
        sample(out, base + "_bucket", point.getAttributes(), "+Inf", Long.toString(point.getCount()));
        sample(out, base + "_sum", point.getAttributes(), null, number(point.getSum()));
        sample(out, base + "_count", point.getAttributes(), null, Long.toString(point.getCount()));
    }

    private static void sample(StringBuilder out, String name, Attributes attributes, String le, String value) {
        out.append(name);
        Map<String, String> labels = labels(attributes);
        if (le != null) {
            labels.put("le", le);
        }
        if (!labels.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                out.append(first ? "" : ",").append(label.getKey()).append("=\"").append(escapeValue(label.getValue()))
                        .append('"');
                first = false;
            }
            out.append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    private static void targetInfo(Resource resource, StringBuilder out) {
        if (resource.getAttributes().isEmpty()) {
            return;
        }
        out.append("# HELP target_info Target metadata\n# TYPE target_info gauge\n");
        sample(out, "target_info", resource.getAttributes(), null, "1");
    }

    /** Labels sorted by name; attribute keys sanitized like metric names; {@code le} belongs to histograms only. */
    private static Map<String, String> labels(Attributes attributes) {
        Map<String, String> labels = new TreeMap<>();
        attributes.forEach((AttributeKey<?> key, Object value) -> {
            String label = sanitize(key.getKey());
            labels.merge(label, String.valueOf(value), (a, b) -> a + ";" + b);
        });
        return labels;
    }

    private static List<PointData> sorted(Collection<? extends PointData> points) {
        List<PointData> list = new ArrayList<>(points);
        list.sort(Comparator.comparing(point -> point.getAttributes().toString()));
        return list;
    }

    private static boolean isCounter(MetricData metric) {
        return switch (metric.getType()) {
            case LONG_SUM -> metric.getLongSumData().isMonotonic();
            case DOUBLE_SUM -> metric.getDoubleSumData().isMonotonic();
            default -> false;
        };
    }

    static String unitSuffix(String unit) {
        if (unit == null || unit.isEmpty() || unit.startsWith("{") || unit.equals("1")) {
            return "";
        }
        String known = UNIT_SUFFIXES.get(unit);
        return known != null ? known : sanitize(unit);
    }

    static String sanitize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean valid = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
                    || c >= '0' && c <= '9' && i > 0;
            out.append(valid ? c : '_');
        }
        return out.toString();
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String escapeValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
