package io.avqa.app.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Streams managed through a gateway's API while the load runs (issue #25): a stream added with
 * {@code POST /api/streams} must be published by an ingest instance within {@link #FIRST_SEGMENT_BOUND} and answer
 * OK within {@link #FIRST_OK_LIMIT}; how long its first OK answer took is reported against the target of
 * {@link #FIRST_OK_TARGET} (a window of T seconds plus start-up), which holds only while the feature stage keeps up
 * with the streams (on two cores running all nine services it does not: the summary says how far behind it was).
 * A standing question on it must end with a final CANCELLED when it is removed; a stream whose source cannot be
 * reached must show as reconnecting (or failed) without disturbing the others, which the run's per-event table
 * checks.
 */
final class ManagedStreamTrial {
    /** Measured 2.1-3.4 s (the spec read, the UDP source probed for 1.5 s, its first full second). */
    static final Duration FIRST_SEGMENT_BOUND = Duration.ofSeconds(10);
    static final Duration FIRST_OK_TARGET = Duration.ofSeconds(15);
    static final Duration FIRST_OK_LIMIT = Duration.ofSeconds(60);
    private static final Duration CANCEL_BOUND = Duration.ofSeconds(10);
    static final String ADDED = "added-1";
    static final String UNREACHABLE = "unreachable-1";

    long addedMs = -1;
    long firstSegmentMs = -1;
    long firstOkMs = -1;
    long removedMs = -1;
    long cancelledMs = -1;
    long unreachableAddedMs = -1;
    String unreachableState = "never seen";
    long unreachableSeenMs = -1;
    final QuestionLedger ledger = new QuestionLedger();
    final QuestionLedger standing = new QuestionLedger();
    final List<String> failed = new ArrayList<>();

    /**
     * Adds a live stream (a camera already sending) and asks about it once a second until it answers OK; asks a
     * standing question,
     * removes the stream and waits for the CANCELLED; then adds and removes a stream whose source is a closed port.
     * {@code events} gets one entry per API call.
     */
    static ManagedStreamTrial run(StreamAdmin admin, QuestionLoad.Gateway gateway, LiveStreams.LiveStream camera,
            QuestionBank bank, Events events, SegmentWatch segments) throws Exception {
        ManagedStreamTrial t = new ManagedStreamTrial();
        try (AskingClient asker = AskingClient.connect("managed", gateway.name(), gateway.port(), gateway.token(),
                t.ledger); AskingClient watcher = AskingClient.connect("standing", gateway.name(), gateway.port(),
                        gateway.token(), t.standing)) {
            t.addedMs = System.currentTimeMillis();
            admin.add(ADDED, camera.url(), false);
            events.add("stream " + ADDED + " added", t.addedMs);
            int n = 0;
            long deadline = t.addedMs + FIRST_OK_LIMIT.toMillis();
            while (t.firstOkMs < 0 && System.currentTimeMillis() < deadline) {
                asker.ask(ADDED, bank.get(n++));
                Waits.untilTime(System.currentTimeMillis() + 1_000);
                Asked.Reply ok = t.ledger.firstOkAfter(ADDED, t.addedMs);
                t.firstOkMs = ok == null ? -1 : ok.receivedMs();
            }
            t.firstSegmentMs = segments.timelines().firstSentMs(ADDED);
            if (t.firstSegmentMs < 0 || t.firstSegmentMs - t.addedMs > FIRST_SEGMENT_BOUND.toMillis()) {
                t.failed.add(ADDED + ": first segment published " + seconds(t.addedMs, t.firstSegmentMs) + " after it"
                        + " was added, bound " + FIRST_SEGMENT_BOUND.toSeconds() + " s");
            }
            if (t.firstOkMs < 0) {
                t.failed.add(ADDED + ": no OK answer within " + FIRST_OK_LIMIT.toSeconds() + " s of being added");
            }
            Asked question = watcher.ask(ADDED, bank.get(0), "standing");
            Waits.until("a first answer to the standing question on " + ADDED, Duration.ofSeconds(15),
                    Duration.ofMillis(200), () -> !question.replies().isEmpty());
            t.removedMs = System.currentTimeMillis();
            admin.remove(ADDED);
            events.add("stream " + ADDED + " removed", t.removedMs);
            try {
                Waits.until("a CANCELLED answer to the standing question on " + ADDED, CANCEL_BOUND,
                        Duration.ofMillis(100), () -> question.replies().stream()
                                .anyMatch(r -> r.status().equals("CANCELLED")));
                t.cancelledMs = question.replies().stream().filter(r -> r.status().equals("CANCELLED"))
                        .mapToLong(Asked.Reply::receivedMs).min().orElse(-1);
            } catch (AssertionError none) {
                t.failed.add(ADDED + ": its standing question got no CANCELLED within " + CANCEL_BOUND.toSeconds()
                        + " s of the removal: " + question);
            }
            trialUnreachable(t, admin, events);
        }
        // every ONCE question about the added stream got exactly one terminal reply
        if (!t.ledger.missing().isEmpty() || !t.ledger.duplicated().isEmpty()) {
            t.failed.add(ADDED + ": ONCE questions without exactly one terminal reply: missing " + t.ledger.missing()
                    + ", duplicated " + t.ledger.duplicated());
        }
        return t;
    }

    /** A source on a closed port: the stream reports RECONNECTING (or FAILED) and is then removed. */
    private static void trialUnreachable(ManagedStreamTrial t, StreamAdmin admin, Events events) throws Exception {
        t.unreachableAddedMs = System.currentTimeMillis();
        admin.add(UNREACHABLE, "rtsp://127.0.0.1:9/nothing-listens-here", false);
        events.add("stream " + UNREACHABLE + " added (closed port)", t.unreachableAddedMs);
        long deadline = t.unreachableAddedMs + 30_000;
        while (t.unreachableSeenMs < 0 && System.currentTimeMillis() < deadline) {
            String state = admin.view(UNREACHABLE).path("state").asText("none");
            t.unreachableState = state;
            if (state.equals("RECONNECTING") || state.equals("FAILED")) {
                t.unreachableSeenMs = System.currentTimeMillis();
            } else {
                Waits.untilTime(System.currentTimeMillis() + 500);
            }
        }
        if (t.unreachableSeenMs < 0) {
            t.failed.add(UNREACHABLE + ": no RECONNECTING or FAILED status within 30 s (last state " + t.unreachableState + ")");
        }
        admin.remove(UNREACHABLE);
    }

    String summary() {
        StringBuilder replies = new StringBuilder();
        for (Asked a : ledger.all()) {
            Asked.Reply r = a.terminal();
            replies.append(r == null ? " none" : String.format(Locale.ROOT, " %s@%.1fs%s", r.outcome(),
                    (r.receivedMs() - addedMs) / 1000.0, r.toSeq() < 0 ? "" : "(to seq " + r.toSeq() + ", features +"
                            + String.format(Locale.ROOT, "%.1f", (r.featuresMs() - addedMs) / 1000.0) + "s)"));
        }
        return String.format(Locale.ROOT, "Streams managed through the API under load: %s (a live UDP camera) added, its "
                + "first segment published %s later, first OK answer %s later (target %d s; its replies, time since "
                + "added:%s); removed, its standing question CANCELLED %s later; %s (an RTSP source on a closed port) "
                + "showed %s %s after it was added, then removed.%n", ADDED, seconds(addedMs, firstSegmentMs),
                seconds(addedMs, firstOkMs), FIRST_OK_TARGET.toSeconds(), replies, seconds(removedMs, cancelledMs),
                UNREACHABLE, unreachableState, seconds(unreachableAddedMs, unreachableSeenMs));
    }

    private static String seconds(long from, long to) {
        return to < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", (to - from) / 1000.0);
    }
}
