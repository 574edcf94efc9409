package io.avqa.features.service;

import java.util.HashMap;
import java.util.Map;

import io.avqa.schemas.Segment;

/**
 * The live backlog rule: a live stream must never fall behind silently. Every polled segment raises its
 * stream's newest known seq; when a live segment's turn comes and it is more than {@code bound} segments
 * behind that newest, it is skipped (the caller counts it) so the stream catches up. In replay mode, and for
 * segments with {@code live == false}, nothing is skipped.
 *
 * <p>Used from the service's poll thread only.
 */
final class BacklogPolicy {
    private final Mode mode;
    private final int bound;
    private final Map<String, Long> newest = new HashMap<>();

    BacklogPolicy(Mode mode, int bound) {
        this.mode = mode;
        this.bound = bound;
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
        return head - s.getSeq() > bound;
    }
}
