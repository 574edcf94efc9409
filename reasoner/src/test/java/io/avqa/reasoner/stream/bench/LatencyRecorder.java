package io.avqa.reasoner.stream.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects latencies (ms) from several threads and reports percentiles. */
final class LatencyRecorder {
    private final List<Double> values = new ArrayList<>();

    synchronized void add(double ms) {
        values.add(ms);
    }

    synchronized int count() {
        return values.size();
    }

    synchronized double percentile(double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    synchronized void clear() {
        values.clear();
    }
}
