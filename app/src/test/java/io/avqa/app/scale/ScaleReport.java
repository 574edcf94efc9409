package io.avqa.app.scale;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's summary as a Markdown table: questions sent and their outcomes, the kill, and per stream how the
 * answers resumed, the window at the first answer after the kill and the segments skipped or dropped.
 */
final class ScaleReport {
    /**
     * The run as a whole.
     *
     * @param setup               what ran (processes, streams, load)
     * @param killed              names of the processes killed with SIGKILL
     * @param reasonerSessionMs   the reasoner's consumer session timeout
     * @param featuresSessionMs   the features consumer's session timeout
     * @param reasonerRebalancedS seconds from the kill until the reasoner group had only the survivor (-1: never)
     * @param featuresRebalancedS the same for the features group
     * @param skippedByProcess    live-backlog skips each features process logged, whole run
     * @param skippedOnMetrics    the same from the skipped counter on /metrics, for processes that serve one
     * @param survivor            the features process that took over the killed one's partitions
     * @param survivorSkips       segments the survivor skipped after the kill, by stream
     * @param loadFailures        sends that failed, sockets that closed
     */
    record Run(String setup, List<String> killed, long killMs, long reasonerSessionMs, long featuresSessionMs,
            double reasonerRebalancedS, double featuresRebalancedS, Map<String, Long> skippedByProcess,
            Map<String, Long> skippedOnMetrics, String survivor, Map<String, Long> survivorSkips, List<String> loadFailures) {
    }

    private ScaleReport() {
    }

    static String render(Run run, QuestionLedger ledger, List<StreamOutcome> streams, int windowSteps) {
        StringBuilder out = new StringBuilder("# Scale-out run\n\n").append(run.setup()).append("\n\n");
        int sent = ledger.all().size();
        Map<String, Integer> outcomes = ledger.outcomes();
        out.append("| questions | count |\n| --- | ---: |\n");
        out.append("| sent | ").append(sent).append(" |\n");
        outcomes.forEach((k, v) -> out.append("| ").append(k.equals("OK") ? "answered OK" : k).append(" | ").append(v)
                .append(" |\n"));
        out.append("| missing (no terminal reply) | ").append(ledger.missing().size()).append(" |\n");
        out.append("| more than one terminal reply | ").append(ledger.duplicated().size()).append(" |\n");
        out.append("| replies to ids never sent | ").append(ledger.unmatched().size()).append(" |\n\n");

        out.append("Killed (SIGKILL): ").append(String.join(", ", run.killed())).append(". Session timeouts: reasoner ")
                .append(run.reasonerSessionMs() / 1000).append(" s, features ").append(run.featuresSessionMs() / 1000)
                .append(" s. Group back to the survivor alone after: reasoner ").append(seconds(run.reasonerRebalancedS()))
                .append(", features ").append(seconds(run.featuresRebalancedS())).append(".\n\n");

        out.append(resumption(run.killMs(), streams)).append("\n\n");
        out.append("| stream | partition | moved | window before kill (toSeq) | first OK after kill | its window "
                + "(segments of " + windowSteps + ") | newest segment embedded before kill | fresh data again after | "
                + "ingest lastSeq | ingest dropped | skipped by features | replies after kill |\n");
        out.append("| --- | ---: | --- | ---: | ---: | --- | --- | ---: | ---: | ---: | --- | --- |\n");
        for (StreamOutcome s : streams) {
            Asked.Reply first = s.firstOk();
            out.append("| ").append(s.stream()).append(" | ").append(s.partition()).append(" | ")
                    .append(moved(s)).append(" | ").append(s.preKillToSeq()).append(" | ")
                    .append(seconds(StreamOutcome.secondsAfter(run.killMs(), first))).append(" | ")
                    .append(first == null ? "-" : first.fromSeq() + ".." + first.toSeq() + " (" + first.segments() + ")")
                    .append(" | ").append(first == null ? "-" : first.featuresMs() < run.killMs() ? "yes" : "no")
                    .append(" | ").append(seconds(StreamOutcome.secondsAfter(run.killMs(), s.firstAdvanced())))
                    .append(" | ").append(s.lastSeq()).append(" | ").append(s.ingestDropped()).append(" | ")
                    .append(s.skippedBy()).append(" | ").append(s.afterKill()).append(" |\n");
        }
        out.append("\nSegments skipped by each features process's live backlog policy (whole run): ")
                .append(run.skippedByProcess()).append("; by ").append(run.survivor())
                .append(" after the kill, by stream: ").append(new java.util.TreeMap<>(run.survivorSkips())).append(".")
                .append(run.skippedOnMetrics().isEmpty() ? "" : " The skipped-segments counter on /metrics (read just before the log): " + run.skippedOnMetrics() + ".")
                .append("\n");
        if (!run.loadFailures().isEmpty()) {
            out.append("\nLoad failures: ").append(run.loadFailures()).append("\n");
        }
        return out.toString();
    }

    /** One line: how soon the moved streams answered again, and when their data flowed again. */
    private static String resumption(long killMs, List<StreamOutcome> streams) {
        double firstAnswer = -1;
        double reasonerWorst = -1;
        double featuresWorst = -1;
        for (StreamOutcome s : streams) {
            double ok = StreamOutcome.secondsAfter(killMs, s.firstOk());
            if (ok >= 0 && (firstAnswer < 0 || ok < firstAnswer)) {
                firstAnswer = ok;
            }
            if (s.reasonerMoved()) {
                reasonerWorst = ok < 0 ? Double.MAX_VALUE : Math.max(reasonerWorst, ok);
            }
            if (s.featuresMoved()) {
                double fresh = StreamOutcome.secondsAfter(killMs, s.firstAdvanced());
                featuresWorst = fresh < 0 ? Double.MAX_VALUE : Math.max(featuresWorst, fresh);
            }
        }
        return "First OK answer after the kill (any stream): " + seconds(firstAnswer) + "; every stream whose reasoner "
                + "task moved answered OK again within " + seconds(reasonerWorst) + "; every stream whose features "
                + "partition moved had fresh data again within " + seconds(featuresWorst) + ".";
    }

    /** The first three fields of /proc/loadavg (1, 5, 15 minutes), or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String moved(StreamOutcome s) {
        if (s.reasonerMoved() && s.featuresMoved()) {
            return "reasoner+features";
        }
        return s.reasonerMoved() ? "reasoner" : s.featuresMoved() ? "features" : "-";
    }

    private static String seconds(double s) {
        return s < 0 || s == Double.MAX_VALUE ? "never" : String.format(Locale.ROOT, "%.1f s", s);
    }
}
