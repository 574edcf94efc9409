package io.avqa.app.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The four checks on a finished run, each failure saying what was expected and what happened:
 * (1) exactly one terminal reply per question; (2) the moved streams answer again (reasoner moved) or get fresh
 * data again (features moved) within the session timeout plus a margin; (3) a stream that lost both stages
 * answers with a full window of segments embedded before the kill, and never says UNKNOWN_STREAM or NO_DATA,
 * which only a restored changelog explains; (4) the features survivor skips (and logs) the stale segments of
 * the partitions it took over.
 */
final class ScaleChecks {
    /** A window end may advance this far past the last pre-kill answer from embeddings already in flight. */
    static final int IN_FLIGHT_SEGMENTS = 4;

    private ScaleChecks() {
    }

    /** The four checks of the issue; each failure says what was expected and what happened. */
    static List<String> all(QuestionLedger ledger, List<StreamOutcome> outcomes, Failover kill,
            long reasonerSessionMs, long featuresSessionMs, Duration resumeMargin, int steps) {
        List<String> failed = new ArrayList<>();
        long killMs = kill.killMs;
        Map<String, Long> survivorSkips = kill.survivorSkipsSinceKill();
        if (!ledger.missing().isEmpty()) {
            failed.add("(1) " + ledger.missing().size() + " questions without a terminal reply, e.g. " + ledger.missing().get(0));
        }
        if (!ledger.duplicated().isEmpty()) {
            failed.add("(1) " + ledger.duplicated().size() + " questions with several terminal replies, e.g. "
                    + ledger.duplicated().get(0));
        }
        double reasonerLimit = (reasonerSessionMs + resumeMargin.toMillis()) / 1000.0;
        double featuresLimit = (featuresSessionMs + resumeMargin.toMillis()) / 1000.0;
        boolean anyDouble = false;
        for (StreamOutcome s : outcomes) {
            double ok = StreamOutcome.secondsAfter(killMs, s.firstOk());
            double fresh = StreamOutcome.secondsAfter(killMs, s.firstAdvanced());
            if (s.reasonerMoved() && (ok < 0 || ok > reasonerLimit)) {
                failed.add("(2) " + s.stream() + ": reasoner task moved, first OK answer " + ok + " s after the kill, "
                        + "expected within " + reasonerLimit + " s");
            }
            if (s.featuresMoved() && (fresh < 0 || fresh > featuresLimit)) {
                failed.add("(2) " + s.stream() + ": features partition moved, fresh data again " + fresh + " s after "
                        + "the kill, expected within " + featuresLimit + " s");
            }
            if (s.reasonerMoved() && s.featuresMoved() && s.firstOk() != null) {
                anyDouble = true;
                Asked.Reply r = s.firstOk();
                if (r.segments() != steps || r.featuresMs() >= killMs || r.toSeq() < s.preKillToSeq()) {
                    failed.add("(3) " + s.stream() + ": lost both stages; its first answer after the kill should hold a "
                            + "full window (" + steps + " segments) embedded before the kill and ending at or after seq "
                            + s.preKillToSeq() + ", got " + r);
                }
                // A window rebuilt from nothing (no new embeddings while its features are down) would say so.
                for (String empty : List.of("UNKNOWN_STREAM", "NO_DATA")) {
                    if (s.afterKill().containsKey(empty)) {
                        failed.add("(3) " + s.stream() + ": lost both stages; " + s.afterKill().get(empty) + " replies "
                                + empty + " after the kill: its window state was not restored");
                    }
                }
            }
            if (s.featuresMoved() && survivorSkips.getOrDefault(s.stream(), 0L) == 0) {
                failed.add("(4) " + s.stream() + ": " + kill.featuresSurvivor.name() + " took over its partition after a "
                        + featuresSessionMs / 1000 + " s outage but logged no skipped segment of it");
            }
        }
        if (!anyDouble) {
            failed.add("(3) no stream lost both its reasoner task and its features partition (or none answered "
                    + "again), so window restoration was not observed");
        }
        return failed;
    }

    /** Every moved stream answers again (reasoner moved) or has fresh data again (features moved). */
    static boolean resumed(List<LiveStreams.LiveStream> streams, QuestionLedger ledger, Failover kill) {
        for (LiveStreams.LiveStream s : streams) {
            if (kill.reasonerMoved.contains(s.partition()) && ledger.firstOkAfter(s.id(), kill.killMs) == null) {
                return false;
            }
            if (kill.featuresMoved.contains(s.partition()) && ledger.firstOkBeyond(s.id(), kill.killMs,
                    kill.preKillToSeq.get(s.id()) + IN_FLIGHT_SEGMENTS) == null) {
                return false;
            }
        }
        return true;
    }
}
