package io.avqa.reasoner.stream.window;

import java.util.Arrays;

import io.avqa.reasoner.model.MapStatistics;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.FeatureMap;

/**
 * One window's inputs in the layout {@code SaSRModel.encode} reads: audio [T, 128] and visual maps
 * [T, 512, 14, 14] as flat row-major floats, with the newest segment's identity and timing.
 *
 * @param seqs   segment seqs, oldest first (length T)
 * @param audio  T * 128 floats
 * @param visual T * 512 * 14 * 14 floats, decoded from the fp16 maps
 * @param pooled T * 512 channel means of the maps, and
 * @param inverseNorms T * 196 inverse position norms: each segment's {@link MapStatistics}, computed once when
 *               it is decoded
 * @param newest the newest segment (its timing fields go into answers and insights)
 */
public record WindowFeatures(long[] seqs, float[] audio, float[] visual, float[] pooled, float[] inverseNorms,
        Embedding newest) {

    /** A window from flat arrays, computing the map statistics of its {@code seqs.length} segments. */
    public static WindowFeatures of(long[] seqs, float[] audio, float[] visual, Embedding newest) {
        float[][] statistics = MapStatistics.ofSteps(visual, seqs.length);
        return new WindowFeatures(seqs, audio, visual, statistics[0], statistics[1], newest);
    }

    /** Where the decoded segments come from: the store, or a cache in front of it. */
    @FunctionalInterface
    public interface Segments {
        /** The kept segment, decoded, or null when it is missing. */
        Segment get(String streamId, long seq);
    }

    /**
     * One kept segment decoded to floats once (the fp16 map is 100,352 values), with its map statistics and
     * its embedding for the timing fields.
     */
    public record Segment(Embedding embedding, float[] audio, float[] visual, float[] pooled, float[] inverseNorms) {
        public static Segment decode(Embedding e) {
            float[] audio = new float[e.getAudio().size()];
            int i = 0;
            for (Float f : e.getAudio()) {
                audio[i++] = f;
            }
            FeatureMap map = e.getVisualMap();
            float[] visual = new float[map.getChannels() * map.getHeight() * map.getWidth()];
            HalfFloats.decode(map.getFp16(), visual, 0, visual.length);
            float[][] statistics = MapStatistics.ofSteps(visual, 1);
            return new Segment(e, audio, visual, statistics[0], statistics[1]);
        }
    }

    /** The decoded segments {@code seqs} of {@code streamId}, oldest first; null when one is missing. */
    public static Segment[] gather(Segments segments, String streamId, long[] seqs) {
        Segment[] window = new Segment[seqs.length];
        for (int i = 0; i < seqs.length; i++) {
            window[i] = segments.get(streamId, seqs[i]);
            if (window[i] == null) {
                return null;
            }
        }
        return window;
    }

    /** One window's inputs from its decoded segments (copies them into the model's flat layout). */
    public static WindowFeatures assemble(long[] seqs, Segment[] window) {
        int audioDim = window[0].audio().length;
        int mapSize = window[0].visual().length;
        int channels = window[0].pooled().length;
        int positions = window[0].inverseNorms().length;
        float[] audio = new float[seqs.length * audioDim];
        float[] visual = new float[seqs.length * mapSize];
        float[] pooled = new float[seqs.length * channels];
        float[] inverseNorms = new float[seqs.length * positions];
        for (int t = 0; t < window.length; t++) {
            System.arraycopy(window[t].audio(), 0, audio, t * audioDim, audioDim);
            System.arraycopy(window[t].visual(), 0, visual, t * mapSize, mapSize);
            System.arraycopy(window[t].pooled(), 0, pooled, t * channels, channels);
            System.arraycopy(window[t].inverseNorms(), 0, inverseNorms, t * positions, positions);
        }
        return new WindowFeatures(seqs.clone(), audio, visual, pooled, inverseNorms,
                window[window.length - 1].embedding());
    }

    public long fromSeq() {
        return seqs[0];
    }

    public long toSeq() {
        return seqs[seqs.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowFeatures w && Arrays.equals(seqs, w.seqs) && Arrays.equals(audio, w.audio)
                && Arrays.equals(visual, w.visual) && Arrays.equals(pooled, w.pooled)
                && Arrays.equals(inverseNorms, w.inverseNorms) && newest.equals(w.newest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(seqs);
    }
}
