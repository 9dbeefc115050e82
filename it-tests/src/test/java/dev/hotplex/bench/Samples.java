package dev.hotplex.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Durations measured by a benchmark, in nanoseconds, thread-safe to add to; read as nearest-rank percentiles in
 * milliseconds.
 */
final class Samples {
    private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());

    void add(long durationNanos) {
        nanos.add(durationNanos);
    }

    int size() {
        return nanos.size();
    }

    /** Nearest-rank percentile in milliseconds (0 = min, 100 = max); NaN when empty. */
    double percentile(double percent) {
        List<Long> sorted = sorted();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = Math.max(1, (int) Math.ceil(percent / 100.0 * sorted.size()));
        return sorted.get(Math.min(rank, sorted.size()) - 1) / 1e6;
    }

    double median() {
        return percentile(50);
    }

    /**
     * The median of {@code this[i] - other[i]} in milliseconds: samples taken in pairs, turn by turn, so that a load
     * drift on a shared machine hits both sides of a pair alike.
     */
    double medianPairedDifference(Samples other) {
        List<Long> mine = copy();
        List<Long> theirs = other.copy();
        if (mine.size() != theirs.size() || mine.isEmpty()) {
            throw new IllegalStateException("paired samples differ in count: " + mine.size() + " vs " + theirs.size());
        }
        Samples differences = new Samples();
        for (int i = 0; i < mine.size(); i++) {
            differences.add(mine.get(i) - theirs.get(i));
        }
        return differences.percentile(50);
    }

    /** A markdown row: {@code | name | n | p50 | p90 | p99 | min | max |}. */
    String row(String name) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f |", name, size(),
                percentile(50), percentile(90), percentile(99), percentile(0), percentile(100));
    }

    static String header() {
        return "| what | n | p50 ms | p90 ms | p99 ms | min ms | max ms |\n|---|---|---|---|---|---|---|";
    }

    private List<Long> copy() {
        synchronized (nanos) {
            return new ArrayList<>(nanos);
        }
    }

    private List<Long> sorted() {
        List<Long> sorted = copy();
        Collections.sort(sorted);
        return sorted;
    }
}
