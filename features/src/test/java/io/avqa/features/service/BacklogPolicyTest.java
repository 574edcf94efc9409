package io.avqa.features.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.avqa.schemas.Segment;

class BacklogPolicyTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    private static Segment seg(String stream, long seq, boolean live) {
        return seg(stream, seq, live, NOW);
    }

    private static Segment seg(String stream, long seq, boolean live, long ingestMs) {
        return Segment.newBuilder().setStreamId(stream).setSeq(seq).setStartMs(0).setFrame(java.nio.ByteBuffer.allocate(0))
                .setFrameWidth(0).setFrameHeight(0).setAudio(java.nio.ByteBuffer.allocate(0)).setIngestMs(ingestMs)
                .setLive(live).build();
    }

    @Test
    void skipsLiveSegmentsMoreThanTheBoundBehindTheirStreamsNewest() {
        BacklogPolicy policy = new BacklogPolicy(Mode.LIVE, 2, CLOCK);
        for (long s = 0; s < 10; s++) {
            policy.arrived(seg("a", s, true));
        }
        assertTrue(policy.skip(seg("a", 6, true)), "3 behind");
        assertFalse(policy.skip(seg("a", 7, true)), "2 behind is within the bound");
        assertFalse(policy.skip(seg("b", 0, true)), "another stream has its own head");
    }

    @Test
    void skipsLiveSegmentsCutLongerAgoThanTheBoundEvenWhenThePollSawNoFurther() {
        BacklogPolicy policy = new BacklogPolicy(Mode.LIVE, 2, CLOCK);
        // a process 20 s behind: this poll reached only seqs 100..102, cut 20..18 s ago
        for (long s = 100; s <= 102; s++) {
            policy.arrived(seg("a", s, true, NOW - (120 - s) * 1_000));
        }
        assertTrue(policy.skip(seg("a", 100, true, NOW - 20_000)), "20 s old, a newer one is polled");
        assertTrue(policy.skip(seg("a", 101, true, NOW - 19_000)));
        assertFalse(policy.skip(seg("a", 102, true, NOW - 18_000)), "the newest polled is kept: a skewed clock cannot "
                + "starve the stream");
        policy.arrived(seg("a", 103, true, NOW - 2_500));
        assertFalse(policy.skip(seg("a", 102, true, NOW - 2_900)), "within bound + 1 s: kept");
        assertFalse(new BacklogPolicy(Mode.LIVE, 2, CLOCK).skip(seg("b", 5, false, NOW - 60_000)), "not live: kept");
    }

    @Test
    void neverSkipsInReplayModeOrForNonLiveSegments() {
        BacklogPolicy replay = new BacklogPolicy(Mode.REPLAY, 0);
        replay.arrived(seg("a", 100, true));
        assertFalse(replay.skip(seg("a", 0, true)));
        BacklogPolicy live = new BacklogPolicy(Mode.LIVE, 0);
        live.arrived(seg("a", 100, false));
        assertFalse(live.skip(seg("a", 0, false)));
    }
}
