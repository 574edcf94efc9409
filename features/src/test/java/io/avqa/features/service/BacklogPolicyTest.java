package io.avqa.features.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.avqa.schemas.Segment;

class BacklogPolicyTest {
    private static Segment seg(String stream, long seq, boolean live) {
        return Segment.newBuilder().setStreamId(stream).setSeq(seq).setStartMs(0).setFrame(java.nio.ByteBuffer.allocate(0))
                .setFrameWidth(0).setFrameHeight(0).setAudio(java.nio.ByteBuffer.allocate(0)).setIngestMs(0)
                .setLive(live).build();
    }

    @Test
    void skipsLiveSegmentsMoreThanTheBoundBehindTheirStreamsNewest() {
        BacklogPolicy policy = new BacklogPolicy(Mode.LIVE, 2);
        for (long s = 0; s < 10; s++) {
            policy.arrived(seg("a", s, true));
        }
        assertTrue(policy.skip(seg("a", 6, true)), "3 behind");
        assertFalse(policy.skip(seg("a", 7, true)), "2 behind is within the bound");
        assertFalse(policy.skip(seg("b", 0, true)), "another stream has its own head");
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
