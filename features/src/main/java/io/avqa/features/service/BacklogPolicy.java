package io.avqa.features.service;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.avqa.schemas.Segment;

/**
 * The live backlog rule: a live stream must never fall behind silently. Every polled segment raises its
 * stream's newest known seq; when a live segment's turn comes and it is more than {@code bound} segments
 * behind that newest, it is skipped (the caller counts it) so the stream catches up. The newest polled is only
 * as far ahead as one poll reaches, so a process that falls behind by more than a poll would never see how far:
 * a live segment is also skipped when it was cut more than {@code bound} + 1 seconds ago by the wall clock (its
 * {@code ingestMs}; the clocks of ingest and features hosts agree to well under a second with NTP), unless it is
 * its stream's newest polled segment, so a skewed clock cannot starve a stream. In replay mode, and for
 * segments with {@code live == false}, nothing is skipped.
 *
 * <p>Used from the service's poll thread only.
 */
final class BacklogPolicy {
    private final Mode mode;
    private final int bound;
    private final Clock clock;
    private final Map<String, Long> newest = new HashMap<>();

    BacklogPolicy(Mode mode, int bound) {
        this(mode, bound, Clock.systemUTC());
    }

    BacklogPolicy(Mode mode, int bound, Clock clock) {
        this.mode = mode;
        this.bound = bound;
        this.clock = clock;
    }

    /** Records that {@code s} has arrived (before any of its stream's older segments are processed). */
    void arrived(Segment s) {
        newest.merge(s.getStreamId(), s.getSeq(), Math::max);
    }

    /** Whether {@code s} is to be skipped now. */
    boolean skip(Segment s) {
        if (mode == Mode.REPLAY || !s.getLive()) {
            return false;
        }
        long head = newest.getOrDefault(s.getStreamId(), s.getSeq());
        if (head - s.getSeq() > bound) {
            return true;
        }
        long ageMs = clock.millis() - s.getIngestMs();
        return s.getSeq() < head && ageMs > (bound + 1) * 1_000L;
    }
}
