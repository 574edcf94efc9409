package io.avqa.features.extract;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** IEEE 754 half-precision decoding (Java 17 has no {@code Float.float16ToFloat}). */
public final class Fp16 {
    private Fp16() {
    }

    public static float toFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13)); // inf / NaN
        }
        if (exp == 0) {
            float sub = mant * 0x1.0p-24f; // subnormal (or zero)
            return sign == 0 ? sub : -sub;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Little-endian half floats to floats, into {@code out} at {@code offset}. */
    public static void decode(ByteBuffer littleEndian, float[] out, int offset) {
        ByteBuffer b = littleEndian.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int n = b.remaining() / 2;
        for (int i = 0; i < n; i++) {
            out[offset + i] = toFloat(b.getShort());
        }
    }
}
