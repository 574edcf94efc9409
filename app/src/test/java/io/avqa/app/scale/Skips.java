package io.avqa.app.scale;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Segments a features process skipped under its live backlog policy. The service logs each skip
 * ({@code live backlog: skipped <stream> seq <n> ...}), which gives per-stream counts even for a killed
 * process; where the service also has an operations endpoint (its startup line names the port), its
 * {@code /metrics} counter is read too, as a cross-check of the log.
 */
final class Skips {
    private static final Pattern SKIPPED = Pattern.compile("live backlog: skipped (\\S+) seq (\\d+)");
    private static final Pattern OPS = Pattern.compile("ops endpoint on http://([^/\\s]+)/");
    private static final Pattern METRIC = Pattern.compile(
            "^avqa_features_segments_total\\{[^}]*outcome=\"skipped\"[^}]*}\\s+([0-9.eE+]+)", Pattern.MULTILINE);

    private Skips() {
    }

    /** Skips logged so far, by stream id. */
    static Map<String, Long> byStream(ChildProcess features) {
        Map<String, Long> out = new HashMap<>();
        features.matches(SKIPPED).forEach(m -> out.merge(m.group(1), 1L, Long::sum));
        return out;
    }

    /** Skips logged so far, all streams. */
    static long total(ChildProcess features) {
        return features.count(SKIPPED);
    }

    /** The skipped-segments counter on the process's {@code /metrics}, when it runs and has that endpoint. */
    static OptionalLong fromMetrics(ChildProcess features) {
        List<Matcher> ops = features.matches(OPS);
        if (ops.isEmpty() || !features.alive()) {
            return OptionalLong.empty();
        }
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + ops.get(0).group(1) + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = METRIC.matcher(body);
            return m.find() ? OptionalLong.of((long) Double.parseDouble(m.group(1))) : OptionalLong.empty();
        } catch (Exception e) {
            return OptionalLong.empty(); // the endpoint is optional; the log count stands
        }
    }
}
