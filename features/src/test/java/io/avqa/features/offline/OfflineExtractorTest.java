package io.avqa.features.offline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.dataset.musicavqa.FeatureLayout;
import io.avqa.dataset.musicavqa.NpyArray;
import io.avqa.features.testing.TestMedia;
import io.avqa.features.weights.SeededBackbone;
import io.avqa.schemas.Segment;

class OfflineExtractorTest {
    @TempDir
    Path dataset;

    private static List<Segment> clip(String id, int seconds) {
        List<Segment> out = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            out.add(TestMedia.segment(id, s, false));
        }
        return out;
    }

    @Test
    void writesMusicAvqaLayoutForEveryVideoWithTwoWorkers() throws Exception {
        OfflineExtractor offline = new OfflineExtractor(dataset, SeededBackbone.V1, 2, 1, 4);
        long segments = offline.extractAll(List.of("v1", "v2", "v3"), id -> clip(id, id.equals("v2") ? 5 : 3));
        assertEquals(11, segments);
        FeatureLayout layout = FeatureLayout.at(dataset);
        assertEquals(Optional.of("seeded-v1"), layout.backboneId());
        NpyArray audio = layout.readAudio("v2");
        NpyArray visual = layout.readVisual("v2");
        assertArrayEquals(new long[] {5, 128}, audio.shape());
        assertArrayEquals(new long[] {5, 512, 14, 14}, visual.shape());
        // the same segments in another video give the same rows, whichever worker extracted them
        NpyArray v1 = layout.readAudio("v1");
        for (int k = 0; k < 128; k++) {
            assertEquals(v1.data()[k], audio.data()[k], 1e-4f * Math.max(1f, Math.abs(v1.data()[k])));
        }
        double energy = 0;
        for (float x : visual.data()) {
            energy += x * x;
        }
        assertTrue(energy > 0, "visual maps are not all zero");
    }

    @Test
    void aSegmentThatDoesNotDecodeFailsItsVideoWithTheReason() {
        OfflineExtractor offline = new OfflineExtractor(dataset, SeededBackbone.V1, 1, 0, 4);
        IOException e = assertThrows(IOException.class, () -> offline.extractAll(List.of("broken"), id -> {
            List<Segment> segments = clip(id, 2);
            segments.set(1, Segment.newBuilder(segments.get(1)).setAudio(ByteBuffer.allocate(10)).build());
            return segments;
        }));
        assertTrue(e.getMessage().contains("broken segment 1: audio has 10 bytes"), e.getMessage());
    }
}
