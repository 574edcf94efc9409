package io.avqa.reasoner.stream.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.avqa.reasoner.model.Window;

class WindowIndexTest {

    static WindowIndex addAll(Window w, long... seqs) {
        WindowIndex index = WindowIndex.EMPTY;
        for (long s : seqs) {
            index = index.add(s, w).index();
        }
        return index;
    }

    @Test
    void strideTakesEverySthSegmentBackFromTheNewest() {
        Window w = new Window(3, 2);
        WindowIndex index = addAll(w, 0, 1, 2, 3, 4, 5, 6);
        assertArrayEquals(new long[] {2, 4, 6}, index.select(w));
        // 3 must stay: when 7 arrives the window becomes 3, 5, 7.
        assertArrayEquals(new long[] {3, 5, 7}, index.add(7, w).index().select(w));
    }

    @Test
    void gapsStretchTheWindowBackInsteadOfInventingSegments() {
        Window w = new Window(4, 1);
        WindowIndex index = addAll(w, 0, 1, 2, 3, 9, 10);
        assertArrayEquals(new long[] {2, 3, 9, 10}, index.select(w));
    }

    @Test
    void evictsSegmentsNoLaterWindowCanReach() {
        Window w = new Window(2, 1);
        WindowIndex.Update u = addAll(w, 0, 1).add(2, w);
        assertArrayEquals(new long[] {0}, u.evicted());
        assertArrayEquals(new long[] {1, 2}, u.index().kept());
    }

    @Test
    void youngWindowAcceptsOutOfOrderSegmentsAndFullWindowRejectsOlderOnes() {
        Window w = new Window(3, 1);
        WindowIndex young = addAll(w, 5, 3);
        assertEquals(WindowIndex.Outcome.ADDED, young.add(1, w).outcome(), "a window not yet full takes anything");
        WindowIndex full = addAll(w, 5, 6, 7);
        WindowIndex.Update late = full.add(4, w);
        assertEquals(WindowIndex.Outcome.LATE, late.outcome());
        assertEquals(1, late.index().late());
        assertEquals(WindowIndex.Outcome.DUPLICATE, full.add(6, w).outcome());
    }

    @Test
    void serdeRoundTrips() {
        WindowIndex index = new WindowIndex(new long[] {4, 7, 9}, 2, 3);
        WindowIndexSerde serde = new WindowIndexSerde();
        assertEquals(index, serde.deserializer().deserialize("t", serde.serializer().serialize("t", index)));
    }

    @Test
    void halfFloatsRoundTripExactlyRepresentableValues() {
        for (float f : new float[] {0f, -0f, 1f, -2.5f, 65504f, 6.1035156e-5f, 5.9604645e-8f, 0.333251953125f}) {
            assertEquals(f, HalfFloats.toFloat(HalfFloats.fromFloat(f)), 0f, "value " + f);
        }
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.toFloat(HalfFloats.fromFloat(1e6f)));
    }

    @Test
    void bulkDecodeMatchesTheScalarConversionForEveryHalfFromTheBufferPosition() {
        // every 16-bit pattern (NaNs, infinities, subnormals), more than one internal chunk, after a 2-byte prefix
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(2 + 2 * 65536).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.putShort((short) 0x3c00);
        for (int h = 0; h < 65536; h++) {
            bytes.putShort((short) h);
        }
        bytes.flip().position(2);
        float[] out = new float[3 + 65536];
        HalfFloats.decode(bytes, out, 3, 65536);
        for (int h = 0; h < 65536; h++) {
            assertEquals(Float.floatToRawIntBits(HalfFloats.toFloat((short) h)), Float.floatToRawIntBits(out[3 + h]),
                    "half 0x" + Integer.toHexString(h));
        }
        assertEquals(0f, out[2]);
        assertEquals(2, bytes.position(), "the caller's buffer position is left alone");
    }
}
