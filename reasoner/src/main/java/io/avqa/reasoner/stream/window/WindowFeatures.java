package io.avqa.reasoner.stream.window;

import java.nio.FloatBuffer;
import java.util.Arrays;

import io.avqa.reasoner.model.MapStatistics;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.FeatureMap;

/**
 * One window's inputs as references to its decoded segments, oldest first. Nothing is copied until the
 * encoding thread lays windows out for the model ({@link #copyInto}): a stream thread hands a window over for the
 * cost of an array of references, and a batch of windows is copied once, straight into the batch's inputs.
 *
 * @param seqs     segment seqs, oldest first (length T)
 * @param segments the decoded segments of those seqs
 */
public record WindowFeatures(long[] seqs, Segment[] segments) {

    /** Where the decoded segments come from: the store, or a cache in front of it. */
    @FunctionalInterface
    public interface Segments {
        /** The kept segment, decoded, or null when it is missing. */
        Segment get(String streamId, long seq);
    }

    /**
     * One kept segment decoded to floats once (the fp16 map is 100,352 values), with its map statistics and
     * its embedding for the timing fields.
     *
     * @param audio        128 floats
     * @param visual       512 * 14 * 14 floats, decoded from the fp16 map
     * @param pooled       512 channel means of the map, and
     * @param inverseNorms 196 inverse position norms: the segment's {@link MapStatistics}
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
            return of(e, audio, visual);
        }

        /** A segment from decoded features, computing its map statistics. */
        public static Segment of(Embedding e, float[] audio, float[] visual) {
            float[][] statistics = MapStatistics.ofSteps(visual, 1);
            return new Segment(e, audio, visual, statistics[0], statistics[1]);
        }

        /** The same features (the embedding's timing fields may differ, as for a segment sent twice). */
        @Override
        public boolean equals(Object o) {
            return o instanceof Segment s && Arrays.equals(audio, s.audio) && Arrays.equals(visual, s.visual)
                    && Arrays.equals(pooled, s.pooled) && Arrays.equals(inverseNorms, s.inverseNorms);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(audio);
        }
    }

    /** The window of {@code seqs} of {@code streamId}; null when one of its segments is missing. */
    public static WindowFeatures gather(Segments segments, String streamId, long[] seqs) {
        Segment[] window = new Segment[seqs.length];
        for (int i = 0; i < seqs.length; i++) {
            window[i] = segments.get(streamId, seqs[i]);
            if (window[i] == null) {
                return null;
            }
        }
        return new WindowFeatures(seqs.clone(), window);
    }

    /**
     * Copies this window into row {@code k} of a batch of flat model inputs: audio [B, T, 128], visual
     * [B, T, 512 * 196] (absolute puts: the buffer's position is not used), pooled [B, T, 512], inverse norms
     * [B, T, 196], row-major.
     */
    public void copyInto(int k, float[] audio, FloatBuffer visual, float[] pooled, float[] inverseNorms) {
        int t = segments.length;
        for (int i = 0; i < t; i++) {
            Segment s = segments[i];
            copy(s.audio(), audio, k * t + i);
            visual.put((k * t + i) * s.visual().length, s.visual());
            copy(s.pooled(), pooled, k * t + i);
            copy(s.inverseNorms(), inverseNorms, k * t + i);
        }
    }

    private static void copy(float[] from, float[] to, int step) {
        System.arraycopy(from, 0, to, step * from.length, from.length);
    }

    /** The newest segment (its timing fields go into answers and insights). */
    public Embedding newest() {
        return segments[segments.length - 1].embedding();
    }

    public long fromSeq() {
        return seqs[0];
    }

    public long toSeq() {
        return seqs[seqs.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowFeatures w && Arrays.equals(seqs, w.seqs) && Arrays.equals(segments, w.segments)
                && newest().equals(w.newest());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(seqs);
    }
}
