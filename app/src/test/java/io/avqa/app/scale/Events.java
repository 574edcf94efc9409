package io.avqa.app.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What happened to the system during the load, in order (kills, streams added and removed), and how soon every
 * stream answered OK again after each, reported per stream and event against the target of 5 s. Each event
 * is checked against its own bound: the target, or for a kill that moves reasoner tasks the session timeout plus a
 * rebalance under the load of nine services on two cores (the target held there in most runs, not all: see
 * bench/results/scale-out.md).
 */
final class Events {
    /** The target: every stream answers OK again within this of each kill. */
    static final long ANSWER_AGAIN_TARGET_MS = 5_000;

    record Event(String what, long atMs, long boundMs) {
    }

    private final List<Event> events = new ArrayList<>();

    /** An event checked against the target. */
    synchronized void add(String what, long atMs) {
        add(what, atMs, ANSWER_AGAIN_TARGET_MS);
    }

    synchronized void add(String what, long atMs, long boundMs) {
        events.add(new Event(what, atMs, boundMs));
    }

    synchronized List<Event> all() {
        return List.copyOf(events);
    }

    /** For every event and stream, the first OK answer to a question asked after the event, beyond the bound. */
    List<String> late(QuestionLedger ledger, List<String> streams) {
        List<String> out = new ArrayList<>();
        for (Event e : all()) {
            for (String s : streams) {
                Asked.Reply ok = ledger.firstOkAfter(s, e.atMs());
                if (ok == null || ok.receivedMs() - e.atMs() > e.boundMs()) {
                    out.add(s + ": first OK answer after '" + e.what() + "' " + seconds(e, ok) + ", bound "
                            + e.boundMs() / 1000.0 + " s");
                }
            }
        }
        return out;
    }

    /** Markdown: one row per event, one column per stream, seconds to the first OK answer after it. */
    String table(QuestionLedger ledger, List<String> streams) {
        StringBuilder out = new StringBuilder("| event (s after it to each stream's first OK answer; * above the "
                + ANSWER_AGAIN_TARGET_MS / 1000 + " s target) | bound |");
        streams.forEach(s -> out.append(' ').append(s).append(" |"));
        out.append(" slowest |\n| --- | ---: |").append(" ---: |".repeat(streams.size() + 1)).append('\n');
        for (Event e : all()) {
            out.append("| ").append(e.what()).append(" | ").append(e.boundMs() / 1000.0).append(" s |");
            double worst = 0;
            for (String s : streams) {
                Asked.Reply ok = ledger.firstOkAfter(s, e.atMs());
                out.append(' ').append(seconds(e, ok)).append(" |");
                worst = ok == null ? Double.MAX_VALUE : Math.max(worst, (ok.receivedMs() - e.atMs()) / 1000.0);
            }
            out.append(' ').append(worst == Double.MAX_VALUE ? "never" : String.format(Locale.ROOT, "%.1f s", worst))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String seconds(Event e, Asked.Reply ok) {
        if (ok == null) {
            return "never";
        }
        long ms = ok.receivedMs() - e.atMs();
        return String.format(Locale.ROOT, "%.1f s%s", ms / 1000.0, ms > ANSWER_AGAIN_TARGET_MS ? " *" : "");
    }
}
