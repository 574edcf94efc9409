package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Audio-guided spatial attention (MODEL.md step 5). For each time step the 196 visual positions (512-d) and
 * the enriched audio are L2-normalised; softmax over positions of their dot products gives the heat map; the
 * attended visual vector is fused with the enriched visual features: {@code f_sa = FC(tanh([f_g_v; att]))}.
 * When D differs from 512 (sasr-small) the audio is first projected to 512 so that the dot product is defined.
 *
 * <p>Inputs: f_g_audio [B, T, D], f_g_visual [B, T, D], visual map [B, T, 512, 196], and optionally the
 * positions' inverse norms [B, T, 196] ({@link MapStatistics}; computed here when absent).
 * Outputs: f_sa [B, T, D], attention [B, T, 196].
 */
final class SpatialAttention extends SaSRBlock {
    private final SaSRConfig config;
    private final Linear audioQuery;
    private final Linear fuse;

    SpatialAttention(SaSRConfig config) {
        this.config = config;
        int d = config.width();
        audioQuery = d == SaSRConfig.VISUAL_CHANNELS ? null : linear("audioQuery", d, SaSRConfig.VISUAL_CHANNELS);
        fuse = linear("fuse", (long) d + SaSRConfig.VISUAL_CHANNELS, d);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray audio = inputs.get(0);
        NDArray visual = inputs.get(1);
        NDArray map = inputs.get(2);
        long b = map.getShape().get(0);
        long t = map.getShape().get(1);
        NDArray inverseNorms = inputs.size() > 3 ? inputs.get(3).reshape(b * t, 1, SaSRConfig.POSITIONS) : null;
        NDList att = attend(query(ps, audio, training), map, config.has(Ablation.SA), inverseNorms);
        NDArray attended = att.get(0);
        // [B, T, D] ++ [B, T, 512] -> [B, T, D + 512] -> [B, T, D]
        NDArray fused = apply(fuse, ps, visual.concat(attended, 2).tanh(), training);
        return new NDList(fused, att.get(1).reshape(b, t, SaSRConfig.POSITIONS));
    }

    /**
     * The attention itself, shared with the match head's negatives: query [B, T, 512], raw visual map
     * [B, T, 512, 196] -> attended [B, T, 512], weights [B, T, 196]. It attends over the unit-length positions
     * x_p / (|x_p| + 1e-6) without materialising them: with r_p = 1 / (|x_p| + 1e-6) the logits are
     * (q . x_p) r_p and the attended vector sum_p (w_p r_p) x_p, so only the 196 norms per step are computed
     * (dividing the whole [B, T, 512, 196] map took a fifth of a batch's non-matmul time). With {@code uniform}
     * (ablation) every position weighs 1/196.
     */
    static NDList attend(NDArray query, NDArray map, boolean uniform) {
        return attend(query, map, uniform, null);
    }

    /** {@link #attend(NDArray, NDArray, boolean)} with the inverse norms [B*T, 1, 196] given (null: computed). */
    static NDList attend(NDArray query, NDArray map, boolean uniform, NDArray givenInverseNorms) {
        long b = map.getShape().get(0);
        long t = map.getShape().get(1);
        long c = SaSRConfig.VISUAL_CHANNELS;
        long p = SaSRConfig.POSITIONS;
        NDArray positions = map.reshape(b * t, c, p);
        // [B*T, 1, 196]
        NDArray inverseNorms = givenInverseNorms != null ? givenInverseNorms
                : positions.norm(new int[] {1}, true).add(1e-6f).pow(-1f);
        NDArray weights;
        if (uniform) {
            weights = map.getManager().full(new Shape(b * t, 1, p), 1f / p, map.getDataType());
        } else {
            // [B, T, 512] -> [B*T, 1, 512], unit length; (B*T, 1, 512) x (B*T, 512, 196), softmax over positions
            NDArray q = query.reshape(b * t, 1, c);
            q = q.div(q.norm(new int[] {2}, true).add(1e-6f));
            weights = q.matMul(positions).mul(inverseNorms).softmax(2);
        }
        // (B*T, 512, 196) x (B*T, 196, 1) -> [B, T, 512]
        NDArray attended = positions.matMul(weights.mul(inverseNorms).transpose(0, 2, 1)).reshape(b, t, c);
        return new NDList(attended, weights.reshape(b, t, p));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        long b = in[0].get(0);
        long t = in[0].get(1);
        return new Shape[] {new Shape(b, t, config.width()), new Shape(b, t, SaSRConfig.POSITIONS)};
    }

    /** The audio query of width 512 used by {@link #attend} (projected for sasr-small). */
    NDArray query(ParameterStore ps, NDArray audio, boolean training) {
        return audioQuery == null ? audio : apply(audioQuery, ps, audio, training);
    }

    /** f_sa from enriched visual features and an attended visual vector: [B, T, D], [B, T, 512] -> [B, T, D]. */
    NDArray fuse(ParameterStore ps, NDArray visual, NDArray attended, boolean training) {
        return apply(fuse, ps, visual.concat(attended, 2).tanh(), training);
    }
}
