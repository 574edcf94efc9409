package io.avqa.ingest.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SegmentCutterTest {
    private final List<CutSegment> out = new ArrayList<>();
    private static final BufferedImage FRAME = new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR);

    private static long micros(double seconds) {
        return Math.round(seconds * 1e6);
    }

    /** Feeds video at fps and audio in 1024-sample packets, interleaved by time, over [from, to) seconds. */
    private void feed(SegmentCutter cutter, double from, double to, int fps, double audioLeadSeconds) {
        double nextVideo = from;
        long nextSample = Math.round(from * 16000);
        while (nextVideo < to || nextSample < Math.round(to * 16000)) {
            double audioTime = nextSample / 16000.0 - audioLeadSeconds;
            if (nextVideo < to && (nextVideo <= audioTime || nextSample >= Math.round(to * 16000))) {
                cutter.acceptFrame(micros(nextVideo), FRAME);
                nextVideo += 1.0 / fps;
            } else {
                short[] packet = new short[1024];
                for (int k = 0; k < packet.length; k++) {
                    packet[k] = (short) ((nextSample + k) / 16000 + 1); // each sample's value = its second + 1
                }
                cutter.acceptAudio(micros(nextSample / 16000.0), packet, packet.length);
                nextSample += 1024;
            }
        }
    }

    @Test
    void segmentsHoldTheSamplesOfTheirOwnSecond() {
        SegmentCutter cutter = new SegmentCutter(true, out::add);
        feed(cutter, 0, 5, 8, 0);
        cutter.finish();
        assertEquals(5, out.size());
        for (int n = 0; n < 5; n++) {
            CutSegment s = out.get(n);
            assertEquals(n, s.seq());
            assertEquals(16000, s.audio().length);
            assertEquals(n + 1, s.audio()[0]);
            assertEquals(n + 1, s.audio()[15999]);
            assertFalse(s.audioMissing(), "segment " + n);
        }
    }

    @Test
    void audioRunningAheadOfVideoDoesNotDropSegments() {
        SegmentCutter cutter = new SegmentCutter(true, out::add);
        feed(cutter, 0, 6, 8, 0.9); // audio packets arrive up to 0.9 s before the video of the same time
        cutter.finish();
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), out.stream().map(CutSegment::seq).toList());
        assertTrue(out.stream().noneMatch(CutSegment::audioMissing));
    }

    @Test
    void aGapInMediaTimeShowsAsASeqJump() {
        SegmentCutter cutter = new SegmentCutter(true, out::add);
        feed(cutter, 0, 3, 8, 0);
        feed(cutter, 7, 10, 8, 0); // nothing for [3, 7)
        cutter.finish();
        assertEquals(List.of(0L, 1L, 2L, 7L, 8L, 9L), out.stream().map(CutSegment::seq).toList());
        assertEquals(8, out.get(3).audio()[0], "segment 7 carries the audio of second 7");
    }

    @Test
    void streamsWithoutAudioGetSilenceMarkedMissing() {
        SegmentCutter cutter = new SegmentCutter(false, out::add);
        for (int i = 0; i < 30; i++) {
            cutter.acceptFrame(micros(i / 10.0), FRAME);
        }
        cutter.finish();
        assertEquals(3, out.size());
        assertTrue(out.stream().allMatch(CutSegment::audioMissing));
        assertEquals(0, out.get(1).audio()[100]);
    }

    @Test
    void aShortTailIsDroppedAndANearlyCompleteOneIsKept() {
        SegmentCutter cutter = new SegmentCutter(true, out::add);
        feed(cutter, 0, 2.3, 8, 0);
        cutter.finish();
        assertEquals(2, out.size(), "0.3 s of a third second is not a segment");

        out.clear();
        SegmentCutter second = new SegmentCutter(true, out::add);
        feed(second, 0, 2.93, 8, 0);
        second.finish();
        assertEquals(3, out.size());
        assertTrue(out.get(2).audioMissing(), "the padded tail says so");
    }

    @Test
    void timestampsAreRelativeToTheFirstOneSeen() {
        SegmentCutter cutter = new SegmentCutter(true, out::add);
        // An MPEG-TS stream starting at PTS 1.4 s: its first second is still segment 0.
        for (int i = 0; i < 16; i++) {
            cutter.acceptFrame(micros(1.4 + i / 8.0), FRAME);
            short[] packet = new short[2000];
            cutter.acceptAudio(micros(1.4 + i / 8.0), packet, packet.length);
        }
        cutter.finish();
        assertEquals(List.of(0L, 1L), out.stream().map(CutSegment::seq).toList());
    }

    @Test
    void restartingTheTimelineContinuesAtTheGivenSeq() {
        SegmentCutter cutter = new SegmentCutter(true, out::add);
        feed(cutter, 0, 2, 8, 0);
        cutter.restartTimeline(40); // e.g. reconnected 38 s later
        feed(cutter, 0, 2, 8, 0);
        cutter.finish();
        assertEquals(List.of(0L, 1L, 40L, 41L), out.stream().map(CutSegment::seq).toList());
    }
}
