package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The question-independent result of SaSR-Net steps 1-5 for B windows: computed once per window and cached,
 * then read by any number of questions (MODEL.md "split by dependence on the question"). The arrays belong to
 * the manager the window was encoded in; close the state (or that manager) when the window is evicted.
 *
 * @param audio            enriched audio f_g_audio [B, T, D]
 * @param visual           spatially attended visual f_sa [B, T, D]
 * @param audioPresence    p_audio [B, C], probability that each source category is heard
 * @param visualPresence   p_visual [B, C], probability that each source category is seen
 * @param spatialAttention [B, T, 196] heat map over the 14 x 14 positions, per step
 * @param questionGrid     [B, 196, D] positions the question attends over ({@link Extension#QSA}); null without
 */
public record WindowState(NDArray audio, NDArray visual, NDArray audioPresence, NDArray visualPresence,
        NDArray spatialAttention, NDArray questionGrid) implements AutoCloseable {

    /** Number of windows B held. */
    public long windows() {
        return audio.getShape().get(0);
    }

    /** The arrays in record order, as {@link SaSRNet} blocks take them (the grid only when there is one). */
    public NDList toList() {
        NDList list = new NDList(audio, visual, audioPresence, visualPresence, spatialAttention);
        if (questionGrid != null) {
            list.add(questionGrid);
        }
        return list;
    }

    /** Rebuilds a state from {@link #toList()} order. */
    public static WindowState of(NDList list) {
        return new WindowState(list.get(0), list.get(1), list.get(2), list.get(3), list.get(4),
                list.size() > 5 ? list.get(5) : null);
    }

    @Override
    public void close() {
        toList().close();
    }
}
