package io.avqa.reasoner.stream.window;

import java.util.Arrays;

import io.avqa.schemas.Embedding;

/**
 * One window's inputs in the layout {@code SaSRModel.encode} reads: audio [T, 128] and visual maps
 * [T, 512, 14, 14] as flat row-major floats, with the newest segment's identity and timing.
 *
 * @param seqs   segment seqs, oldest first (length T)
 * @param audio  T * 128 floats
 * @param visual T * 512 * 14 * 14 floats, decoded from the fp16 maps
 * @param newest the newest segment (its timing fields go into answers and insights)
 */
public record WindowFeatures(long[] seqs, float[] audio, float[] visual, Embedding newest) {

    /** Reads the segments {@code seqs} of {@code streamId} from the store; null when one is missing. */
    public static WindowFeatures read(SegmentStore segments, String streamId, long[] seqs) {
        Embedding[] window = new Embedding[seqs.length];
        for (int i = 0; i < seqs.length; i++) {
            window[i] = segments.get(streamId, seqs[i]);
            if (window[i] == null) {
                return null;
            }
        }
        int audioDim = window[0].getAudio().size();
        int mapSize = window[0].getVisualMap().getChannels() * window[0].getVisualMap().getHeight()
                * window[0].getVisualMap().getWidth();
        float[] audio = new float[seqs.length * audioDim];
        float[] visual = new float[seqs.length * mapSize];
        for (int t = 0; t < window.length; t++) {
            int i = t * audioDim;
            for (Float f : window[t].getAudio()) {
                audio[i++] = f;
            }
            HalfFloats.decode(window[t].getVisualMap().getFp16(), visual, t * mapSize, mapSize);
        }
        return new WindowFeatures(seqs.clone(), audio, visual, window[window.length - 1]);
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
                && Arrays.equals(visual, w.visual) && newest.equals(w.newest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(seqs);
    }
}
