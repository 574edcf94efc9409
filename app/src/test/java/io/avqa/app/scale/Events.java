package io.avqa.app.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What happened to the system during the load, in order (kills, streams added and removed), and how soon every
 * stream answered OK again after each: the "every stream answers OK again within 5 s of each kill",
 * reported per stream and event.
 */
final class Events {
    /** Every stream answers OK again within this of each event (issue #25). */
    static final long ANSWER_AGAIN_BOUND_MS = 5_000;

    record Event(String what, long atMs) {
    }

    private final List<Event> events = new ArrayList<>();

    synchronized void add(String what, long atMs) {
        events.add(new Event(what, atMs));
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
                if (ok == null || ok.receivedMs() - e.atMs() > ANSWER_AGAIN_BOUND_MS) {
                    out.add(s + ": first OK answer after '" + e.what() + "' " + seconds(e, ok) + ", bound "
                            + ANSWER_AGAIN_BOUND_MS / 1000 + " s");
                }
            }
        }
        return out;
    }

    /** Markdown: one row per event, one column per stream, seconds to the first OK answer after it. */
    String table(QuestionLedger ledger, List<String> streams) {
        StringBuilder out = new StringBuilder("| event (s after it to each stream's first OK answer) |");
        streams.forEach(s -> out.append(' ').append(s).append(" |"));
        out.append(" slowest |\n| --- |").append(" ---: |".repeat(streams.size() + 1)).append('\n');
        for (Event e : all()) {
            out.append("| ").append(e.what()).append(" |");
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
        return ok == null ? "never" : String.format(Locale.ROOT, "%.1f s", (ok.receivedMs() - e.atMs()) / 1000.0);
    }
}
