package io.avqa.ingest.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.ingest.TestClips;
import io.avqa.schemas.Segment;

class FileSegmentsTest {
    @TempDir
    static Path dir;
    static Path clip;
    static List<Segment> segments;

    @BeforeAll
    static void cutATwelveSecondClip() throws Exception {
        clip = dir.resolve("counter.mp4");
        TestClips.write(clip, 12, 5.0);
        segments = FileSegments.cut(clip, "clip", 0, SegmenterOptions.defaults());
    }

    @Test
    void cutsTwelveSegmentsInOrderFromATwelveSecondClip() {
        assertEquals(12, segments.size());
        for (int n = 0; n < 12; n++) {
            Segment s = segments.get(n);
            assertEquals(n, s.getSeq());
            assertEquals(32_000, s.getAudio().remaining(), "16000 PCM16 samples");
            assertEquals(n * 1000L, s.getStartMs());
            assertEquals(224, s.getFrameWidth());
            assertEquals(224, s.getFrameHeight());
        }
    }

    @Test
    void eachSegmentShowsTheFirstFrameOfItsSecond() throws Exception {
        for (Segment s : segments) {
            BufferedImage frame = ImageIO.read(new ByteArrayInputStream(s.getFrame().array()));
            assertEquals(s.getSeq() * TestClips.FPS, TestClips.readCounter(frame), "frame counter in segment " + s.getSeq());
        }
    }

    @Test
    void toneStartingAtFiveSecondsAppearsFirstInSegmentFive() {
        double[] rms = segments.stream().mapToDouble(s -> TestClips.rms(SegmentRecords.samples(s))).toArray();
        for (int n = 0; n < 5; n++) {
            assertTrue(rms[n] < 100, "segment " + n + " should be silent, rms " + rms[n]);
        }
        for (int n = 5; n < 12; n++) {
            assertTrue(rms[n] > 3000, "segment " + n + " should carry the tone, rms " + rms[n]);
        }
        assertFalse(segments.get(3).getAudioMissing());
    }

    @Test
    void garbageFileFailsWithAReason() throws Exception {
        Path garbage = dir.resolve("garbage.mp4");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        MediaException e = assertThrows(MediaException.class,
                () -> FileSegments.cut(garbage, "g", 0, SegmenterOptions.defaults()));
        assertTrue(e.getMessage().startsWith("cannot open " + garbage), e.getMessage());
    }

    @Test
    void missingFileFailsWithAReason() {
        Path missing = dir.resolve("nope.mp4");
        MediaException e = assertThrows(MediaException.class,
                () -> FileSegments.cut(missing, "m", 0, SegmenterOptions.defaults()));
        assertEquals("cannot open " + missing + ": no such file", e.getMessage());
    }
}
