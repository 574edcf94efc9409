package io.avqa.reasoner.stream.runtime;

import java.util.Arrays;

import ai.djl.ndarray.NDManager;
import io.avqa.reasoner.model.WindowState;
import io.avqa.schemas.Embedding;

/**
 * The question-independent SaSR-Net state of one window (steps 1-5), cached per stream until the window
 * moves. The small per-window outputs are copied to Java arrays once, for insights and answers.
 *
 * @param streamId       the stream
 * @param seqs           the window's segment seqs, oldest first
 * @param state          tensors the question head reads; owned by {@code owner}
 * @param audioPresence  p_audio per category
 * @param visualPresence p_visual per category
 * @param spatial        [T][196] spatial attention over the 14 x 14 grid, per step
 * @param newest         the newest segment of the window (timing fields)
 * @param owner          manager of the state's arrays, closed when the window is evicted
 */
public record EncodedWindow(String streamId, long[] seqs, WindowState state, float[] audioPresence,
        float[] visualPresence, float[][] spatial, Embedding newest, NDManager owner) implements AutoCloseable {

    public boolean covers(long[] window) {
        return Arrays.equals(seqs, window);
    }

    public long fromSeq() {
        return seqs[0];
    }

    public long toSeq() {
        return seqs[seqs.length - 1];
    }

    @Override
    public void close() {
        owner.close();
    }
}
