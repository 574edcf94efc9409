package io.avqa.features.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import io.avqa.features.testing.TestMedia;
import io.avqa.features.weights.SeededBackbone;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Segment;

class FeatureExtractorTest {
    private static FeatureExtractor extractor;

    @BeforeAll
    static void build() throws Exception {
        extractor = FeatureExtractor.create(SeededBackbone.V1, Device.cpu());
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    private static Embedding features(Extraction e) {
        return assertInstanceOf(Extraction.Features.class, e, () -> "rejected: " + e).embedding();
    }

    @Test
    void producesEmbeddingsWithContractShapesAndBackboneId() {
        List<Extraction> out = extractor.extract(List.of(TestMedia.segment("cam-1", 0, true),
                TestMedia.segment("cam-2", 7, false)));
        Embedding e = features(out.get(1));
        assertEquals("cam-2", e.getStreamId());
        assertEquals(7, e.getSeq());
        assertEquals(128, e.getAudio().size());
        assertEquals(512, e.getVisual().size());
        assertEquals(512, e.getVisualMap().getChannels());
        assertEquals(14, e.getVisualMap().getHeight());
        assertEquals(14, e.getVisualMap().getWidth());
        assertEquals(512 * 14 * 14 * 2, e.getVisualMap().getFp16().remaining());
        assertEquals("seeded-v1", e.getBackboneId());
        assertEquals(false, e.getLive());
        // the test tone's amplitude 0.3: RMS 0.3 / sqrt(2) = -13.5 dBFS
        assertEquals(-13.47, e.getAudioLevelDb(), 0.05);
    }

    @Test
    void fp16MapIsLittleEndianChannelMajorAndAveragesToThePooledVector() {
        Embedding e = features(extractor.extract(List.of(TestMedia.segment("cam", 3, true))).get(0));
        ByteBuffer half = e.getVisualMap().getFp16().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < 512; c += 37) {
            double sum = 0;
            for (int p = 0; p < 196; p++) {
                sum += halfToFloat(half.getShort((c * 196 + p) * 2));
            }
            float pooled = e.getVisual().get(c);
            assertEquals(pooled, sum / 196, 2e-3 * Math.max(1, Math.abs(pooled)), "channel " + c);
        }
    }

    @Test
    void batchOfOneAndBatchOfManyGiveTheSameFeatures() {
        Segment s = TestMedia.segment("cam", 5, true);
        Embedding alone = features(extractor.extract(List.of(s)).get(0));
        List<Segment> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(TestMedia.segment("cam", i, true));
        }
        batch.add(s);
        Embedding inBatch = features(extractor.extract(batch).get(4));
        assertFloatsClose(alone.getAudio(), inBatch.getAudio(), 1e-4f);
        assertFloatsClose(alone.getVisual(), inBatch.getVisual(), 1e-4f);
    }

    @Test
    void differentSegmentsGiveDifferentFeatures() {
        List<Extraction> out = extractor.extract(List.of(TestMedia.segment("cam", 1, true),
                TestMedia.segment("cam", 2, true)));
        assertNotEquals(features(out.get(0)).getAudio(), features(out.get(1)).getAudio());
        assertNotEquals(features(out.get(0)).getVisual(), features(out.get(1)).getVisual());
    }

    @Test
    void twoFreshExtractorsGiveIdenticalSeededFeatures() throws Exception {
        Segment s = TestMedia.segment("cam", 9, true);
        Embedding first = features(extractor.extract(List.of(s)).get(0));
        try (FeatureExtractor other = FeatureExtractor.create(SeededBackbone.V1, Device.cpu())) {
            Embedding second = features(other.extract(List.of(s)).get(0));
            assertEquals(first.getAudio(), second.getAudio());
            assertEquals(first.getVisual(), second.getVisual());
            assertEquals(first.getVisualMap().getFp16(), second.getVisualMap().getFp16());
        }
    }

    @Test
    void undecodableJpegIsRejectedWithReasonAndOthersStillExtract() {
        Segment bad = Segment.newBuilder(TestMedia.segment("cam", 1, true))
                .setFrame(ByteBuffer.wrap("definitely not a jpeg".getBytes())).build();
        List<Extraction> out = extractor.extract(List.of(bad, TestMedia.segment("cam", 2, true)));
        Extraction.Rejected r = assertInstanceOf(Extraction.Rejected.class, out.get(0));
        assertTrue(r.reason().contains("not a JPEG"), r.reason());
        features(out.get(1));
    }

    @Test
    void audioOfWrongLengthIsRejectedNamingTheExpectedLength() {
        Segment shortAudio = Segment.newBuilder(TestMedia.segment("cam", 1, true))
                .setAudio(ByteBuffer.allocate(31_998)).build();
        Extraction.Rejected r = assertInstanceOf(Extraction.Rejected.class,
                extractor.extract(List.of(shortAudio)).get(0));
        assertTrue(r.reason().contains("31998 bytes; expected 32000"), r.reason());
    }

    @Test
    void nonFiniteFeaturesAreNeverPublishedAsValid() {
        float[] audio = new float[128];
        float[] visual = new float[512];
        byte[] map = new byte[2 * FeatureExtractor.MAP_VALUES];
        assertEquals(true, FeatureExtractor.finite(audio, visual, map, 0));
        map[2 * 1234 + 1] = (byte) 0x7E; // fp16 NaN (0x7E00, little-endian)
        assertEquals(false, FeatureExtractor.finite(audio, visual, map, 0));
        map[2 * 1234 + 1] = (byte) 0x7B; // 0x7B00 = 57344, finite
        assertEquals(true, FeatureExtractor.finite(audio, visual, map, 0));
        visual[3] = Float.POSITIVE_INFINITY;
        assertEquals(false, FeatureExtractor.finite(audio, visual, map, 0));
    }

    @Test
    void aMapValueBeyondTheFp16RangeIsRejectedNotPublishedAsInfinity() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] values = new float[FeatureExtractor.MAP_VALUES];
            values[7] = 70_000f; // finite in fp32, infinite in fp16
            byte[] half = m.create(values).toType(DataType.FLOAT16, false).toByteArray();
            assertEquals(false, FeatureExtractor.finite(new float[128], new float[512], half, 0));
            values[7] = 60_000f;
            half = m.create(values).toType(DataType.FLOAT16, false).toByteArray();
            assertEquals(true, FeatureExtractor.finite(new float[128], new float[512], half, 0));
        }
    }

    @Test
    void countsAbout3point9GigaMacsPerSegment() {
        long macs = extractor.macsPerSegment();
        assertTrue(macs > 3.8e9 && macs < 4.0e9, "MACs " + macs);
    }

    private static void assertFloatsClose(List<Float> a, List<Float> b, float tol) {
        float[] x = new float[a.size()];
        float[] y = new float[b.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = a.get(i);
            y[i] = b.get(i);
        }
        float scale = 0;
        for (float v : x) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(x, y, tol * Math.max(1f, scale));
    }

    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = bits >>> 15;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        double v;
        if (exp == 0) {
            v = mant * Math.pow(2, -24);
        } else if (exp == 31) {
            v = mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            v = (1 + mant / 1024.0) * Math.pow(2, exp - 15);
        }
        return (float) (sign == 1 ? -v : v);
    }
}
