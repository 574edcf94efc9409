package io.avqa.app.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Latency samples of one hop, in milliseconds; thread-safe to add to. */
final class Latencies {
    private final String hop;
    private final List<Double> samples = new ArrayList<>();

    Latencies(String hop) {
        this.hop = hop;
    }

    synchronized void add(double millis) {
        samples.add(millis);
    }

    synchronized double[] values() {
        return samples.stream().mapToDouble(Double::doubleValue).toArray();
    }

    String hop() {
        return hop;
    }

    /** count, p50, p90, p99, max (nearest rank). */
    Map<String, Object> summary() {
        double[] v = values();
        Arrays.sort(v);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("count", v.length);
        for (double p : new double[] {50, 90, 99}) {
            s.put("p" + (int) p, v.length == 0 ? null : v[Math.max(0, (int) Math.ceil(p / 100 * v.length) - 1)]);
        }
        s.put("max", v.length == 0 ? null : v[v.length - 1]);
        return s;
    }

    /** A small SVG histogram (log-spaced bins) for the HTML report. */
    String svgHistogram() {
        double[] v = values();
        int bins = 20;
        double lo = 0.1;
        double hi = Math.max(1, Arrays.stream(v).max().orElse(1));
        int[] counts = new int[bins];
        for (double x : v) {
            double f = Math.log(Math.max(lo, x) / lo) / Math.log(hi / lo);
            counts[Math.min(bins - 1, Math.max(0, (int) (f * bins)))]++;
        }
        int max = Math.max(1, Arrays.stream(counts).max().orElse(1));
        StringBuilder svg = new StringBuilder("<svg width=\"420\" height=\"140\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (int b = 0; b < bins; b++) {
            int h = (int) (100.0 * counts[b] / max);
            svg.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"%d\" fill=\"#4a7bd0\"><title>%d</title></rect>",
                    10 + b * 20, 110 - h, h, counts[b]));
        }
        svg.append(String.format("<text x=\"10\" y=\"130\" font-size=\"11\">%.1f ms</text>", lo));
        svg.append(String.format("<text x=\"330\" y=\"130\" font-size=\"11\">%.0f ms</text>", hi));
        return svg.append("</svg>").toString();
    }
}
