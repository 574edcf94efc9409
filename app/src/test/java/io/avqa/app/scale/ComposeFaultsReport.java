package io.avqa.app.scale;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The summary of a {@link ComposeFaults} run, as Markdown: the load's outcome, then one row per kill. */
final class ComposeFaultsReport {
    private ComposeFaultsReport() {
    }

    static String render(QuestionLedger ledger, List<ComposeFaults.Kill> kills, long loadStart, long loadEnd,
            List<String> loadFailures) {
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
        out.append("| killed | down | every stream OK again after the kill | longest gap between OK answers | "
                + "replies to questions asked after the kill |\n|---|---:|---:|---:|---|\n");
        for (int i = 0; i < kills.size(); i++) {
            ComposeFaults.Kill k = kills.get(i);
            long until = i + 1 < kills.size() ? kills.get(i + 1).killMs() : loadEnd;
            out.append(String.format("| %s | %.1f s | %s | %.1f s | %s |%n", k.service(), (k.startedMs() - k.killMs()) / 1000.0,
                    k.recovered() ? String.format("%.1f s", (k.everyStreamOkMs() - k.killMs()) / 1000.0) : "**never**",
                    longestOkGap(ledger, k.killMs(), until) / 1000.0, k.outcomes()));
        }
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

    /** The longest time any stream went without an OK answer, over gaps that end after {@code from}, before {@code until}. */
    private static long longestOkGap(QuestionLedger ledger, long from, long until) {
        long longest = 0;
        for (String stream : ledger.all().stream().map(Asked::stream).distinct().toList()) {
            long previous = -1;
            for (Asked.Reply r : ledger.okAnswers(stream)) {
                if (previous >= 0 && r.receivedMs() > from && previous < until) {
                    longest = Math.max(longest, r.receivedMs() - Math.max(previous, from));
                }
                previous = r.receivedMs();
            }
        }
        return longest;
    }
}
