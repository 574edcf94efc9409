package io.avqa.features.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The RMS level of a segment's PCM in dBFS, for the dashboard's meter. Computed here because the feature stage
 * is the last one that sees the samples: {@code avqa.embeddings} carries only the level on to the reasoner.
 */
public final class AudioLevelMeter {
    /** dBFS reported for digital silence (an all-zero segment), the 16-bit floor. */
    public static final float SILENCE_DB = -96f;
    private static final double FULL_SCALE = 32768.0;

    private AudioLevelMeter() {
    }

    /** Level of 16-bit little-endian mono PCM: 20 log10(RMS / full scale), at least {@link #SILENCE_DB}. */
    public static float dbfs(ByteBuffer pcm16le) {
        ByteBuffer b = pcm16le.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int samples = b.remaining() / 2;
        if (samples == 0) {
            return SILENCE_DB;
        }
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            double v = b.getShort();
            sum += v * v;
        }
        double rms = Math.sqrt(sum / samples);
        return rms == 0 ? SILENCE_DB : (float) Math.max(SILENCE_DB, 20 * Math.log10(rms / FULL_SCALE));
    }
}
