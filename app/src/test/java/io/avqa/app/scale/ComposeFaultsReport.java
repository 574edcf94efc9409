package io.avqa.app.scale;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The summary of a {@link ComposeFaults} run, as Markdown: the load's outcome, then one row per kill. */
final class ComposeFaultsReport {
    private ComposeFaultsReport() {
    }

    static String render(QuestionLedger ledger, List<ComposeFaults.Kill> kills, long loadStart, long loadEnd,
            List<String> loadFailures, SegmentTimelines segments, List<EmbeddingAudit.StreamAudit> audit,
            List<String> publishedTwice) {
        List<Asked> all = ledger.all();
        Map<String, Integer> outcomes = ledger.outcomes();
        double seconds = (loadEnd - loadStart) / 1000.0;
        StringBuilder out = new StringBuilder("## compose fault run\n\n");
        out.append(String.format("| questions sent | rate | answered OK | TIMEOUT | other replies | without a terminal reply "
                + "| duplicates | unmatched replies |%n|---:|---:|---:|---:|---:|---:|---:|---:|%n"));
        int ok = outcomes.getOrDefault("OK", 0);
        int timeout = outcomes.getOrDefault("error:TIMEOUT", 0);
        Map<String, Integer> other = new TreeMap<>(outcomes);
        other.remove("OK");
        other.remove("error:TIMEOUT");
        out.append(String.format("| %d | %.1f/s over %.0f s | %d | %d | %s | %d | %d | %d |%n%n", all.size(),
                all.size() / seconds, seconds, ok, timeout, other.isEmpty() ? "0" : other.toString(),
                ledger.missing().size(), ledger.duplicated().size(), ledger.unmatched().size()));
        StringBuilder pauses = new StringBuilder("\nWhere each kill held the pipeline up: the longest pause of each "
                + "stage, per stream, from the kill to the next (or the load's end).\n\n| killed | stream | segments "
                + "(ingest) | embeddings (features) | OK answers (reasoner, gateway) |\n|---|---|---:|---:|---:|\n");
        out.append("| killed | why this one | down | every stream OK again (window after the kill) | longest gap "
                + "between OK answers | replies to questions asked from the kill to the next (or the load's end) |"
                + "\n|---|---|---:|---:|---:|---|\n");
        for (int i = 0; i < kills.size(); i++) {
            ComposeFaults.Kill k = kills.get(i);
            long until = i + 1 < kills.size() ? kills.get(i + 1).killMs() : loadEnd;
            out.append(String.format("| %s | %s | %.1f s | %s | %.1f s | %s |%n", k.victim().service(), k.victim().why(),
                    (k.startedMs() - k.killMs()) / 1000.0,
                    k.recovered() ? String.format("%.1f s", (k.everyStreamOkMs() - k.killMs()) / 1000.0) : "**never**",
                    longestOkGap(ledger, k.killMs(), until) / 1000.0, outcomesBetween(ledger, k.killMs(), until)));
            for (EmbeddingAudit.StreamAudit a : audit) {
                pauses.append(String.format("| %s | %s | %.1f s | %.1f s | %.1f s |%n", k.victim().service(), a.stream(),
                        segments.longestGapMs(a.stream(), k.killMs(), until) / 1000.0,
                        a.longestGapMs(k.killMs(), until) / 1000.0,
                        okGap(ledger, a.stream(), k.killMs(), until) / 1000.0));
            }
        }
        out.append(pauses);
        out.append("\n| stream | segments sent before the load ended | embeddings committed | segments without "
                + "an embedding | seconds embedded twice |\n|---|---:|---:|---:|---:|\n");
        for (EmbeddingAudit.StreamAudit a : audit) {
            out.append(String.format("| %s | %d | %d | %d%s | %d%s |%n", a.stream(), a.segments(), a.embeddings(),
                    a.missing().size(), a.missing().isEmpty() ? "" : " " + first(a.missing()), a.twice().size(),
                    a.twice().isEmpty() ? "" : " " + first(a.twice())));
        }
        out.append(String.format("%nSeconds published twice (segments topic, read_committed): %d%n",
                publishedTwice.size()));
        publishedTwice.stream().limit(10).forEach(t -> out.append("- ").append(t).append('\n'));
        if (!ledger.missing().isEmpty()) {
            out.append("\nWithout a terminal reply (first 10):\n");
            ledger.missing().stream().limit(10).forEach(a -> out.append("- ").append(a).append('\n'));
        }
        if (!ledger.duplicated().isEmpty()) {
            out.append("\nDuplicated (first 10):\n");
            ledger.duplicated().stream().limit(10).forEach(a -> out.append("- ").append(a).append('\n'));
        }
        if (!loadFailures.isEmpty()) {
            out.append("\nLoad failures (first 10):\n");
            loadFailures.stream().limit(10).forEach(f -> out.append("- ").append(f).append('\n'));
        }
        return out.toString();
    }

    private static Map<String, Integer> outcomesBetween(QuestionLedger ledger, long from, long until) {
        Map<String, Integer> out = new TreeMap<>();
        ledger.all().stream().map(Asked::stream).distinct()
                .forEach(s -> ledger.outcomesBetween(s, from, until).forEach((k, v) -> out.merge(k, v, Integer::sum)));
        return out;
    }

    private static String first(List<Long> seqs) {
        return "(seq " + seqs.stream().limit(10).map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                + (seqs.size() > 10 ? ", ..." : "") + ")";
    }

    /** The longest time any stream went without an OK answer, from {@code from} to {@code until}. */
    private static long longestOkGap(QuestionLedger ledger, long from, long until) {
        return ledger.all().stream().map(Asked::stream).distinct()
                .mapToLong(s -> okGap(ledger, s, from, until)).max().orElse(0);
    }

    private static long okGap(QuestionLedger ledger, String stream, long from, long until) {
        return Gaps.longest(ledger.okAnswers(stream).stream().map(Asked.Reply::receivedMs).sorted().toList(), from, until);
    }
}
