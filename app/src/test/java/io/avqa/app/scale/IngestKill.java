package io.avqa.app.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SIGKILL of the {@code avqa ingest --managed} instance publishing the most streams, judged on the segments topic
 * as features reads it: the victim neither leaves its group nor ends its transaction, so its streams must publish
 * again from the survivor within the bound, no second twice, and the survivor's own streams must not pause.
 */
final class IngestKill {
    /** A killed instance's streams publish again from the survivor within this (issue #25). */
    static final long RESUME_BOUND_MS = 10_000;

    final ChildProcess victim;
    final ChildProcess survivor;
    final List<String> moved;
    final long killMs;
    final String loadAverageAtKill;
    final List<SegmentTimelines.AroundKill> rows = new ArrayList<>();
    final List<String> failed = new ArrayList<>();

    private IngestKill(ChildProcess victim, ChildProcess survivor, List<String> moved, long killMs, String load) {
        this.victim = victim;
        this.survivor = survivor;
        this.moved = moved;
        this.killMs = killMs;
        this.loadAverageAtKill = load;
    }

    /**
     * Kills the instance that published the latest segment of the most streams (both must publish), waits until
     * the survivor publishes every moved stream (at most three bounds) and {@code settle} more, then checks.
     */
    static IngestKill run(List<ChildProcess> instances, SegmentWatch segments, List<String> streams, Duration settle)
            throws Exception {
        Map<String, List<String>> owners = segments.timelines().streamsByLatestPublisher();
        if (owners.size() != 2) {
            throw new AssertionError("both ingest instances should publish before the kill: " + owners);
        }
        String victimId = owners.entrySet().stream().max(Map.Entry.comparingByValue((a, b) -> a.size() - b.size()))
                .orElseThrow().getKey();
        String survivorId = owners.keySet().stream().filter(k -> !k.equals(victimId)).findFirst().orElseThrow();
        IngestKill kill = new IngestKill(ChildProcess.withPidIn(victimId, instances),
                ChildProcess.withPidIn(survivorId, instances), owners.get(victimId), System.currentTimeMillis(),
                ScaleReport.loadAverage());
        kill.victim.kill();
        long goneMs = System.currentTimeMillis();
        segments.until(t -> t.publishedAfter(survivorId, kill.killMs).containsAll(kill.moved),
                Duration.ofMillis(RESUME_BOUND_MS * 3));
        Waits.untilTime(System.currentTimeMillis() + settle.toMillis());
        SegmentTimelines timelines = segments.timelines();
        kill.failed.addAll(timelines.violations(survivorId, goneMs));
        for (String id : streams) {
            SegmentTimelines.AroundKill row = timelines.aroundKill(id, kill.moved.contains(id), kill.killMs);
            kill.rows.add(row);
            if (row.firstSeqAfter() < 0) {
                kill.failed.add(id + ": nothing published after the ingest kill");
            } else if (row.moved() && row.resumeMs() >= RESUME_BOUND_MS) {
                kill.failed.add(id + ": published again " + row.resumeMs() + " ms after the ingest kill, bound "
                        + RESUME_BOUND_MS);
            } else if (!row.moved() && row.gapSeconds() != 0) {
                kill.failed.add(id + ": the surviving ingest's own stream paused " + row.gapSeconds() + " s over the kill");
            }
        }
        return kill;
    }

    /** The per-stream table (Markdown). */
    String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Ingest kill: %s (published %d of the streams), "
                + "survivor %s, load average at the kill %s.%n%n", victim.name(), moved.size(), survivor.name(),
                loadAverageAtKill));
        out.append("| stream | on the victim | last seq before kill | first seq after | gap s | published again after ms |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
        for (SegmentTimelines.AroundKill r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d |%n", r.stream(), r.moved() ? "yes" : "no",
                    r.lastSeqBefore(), r.firstSeqAfter(), r.gapSeconds(), r.resumeMs()));
        }
        return out.toString();
    }
}
