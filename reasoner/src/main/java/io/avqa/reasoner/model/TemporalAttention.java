package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Question-guided temporal attention over one modality (MODEL.md step 8): 4-head attention with q as the
 * single query over the T features, then a residual feed-forward (FC-ReLU-dropout-FC) and LayerNorm.
 * Inputs: q [Q, D], features [Q, T, D]. Outputs: attended [Q, D], weights over T [Q, T] (mean over heads).
 */
final class TemporalAttention extends SaSRBlock {
    private final boolean uniform;
    private final int width;
    private final MultiHeadAttention attention;
    private final Linear hidden;
    private final Dropout dropout;
    private final Linear output;
    private final LayerNorm norm;

    TemporalAttention(int width, boolean uniform) {
        this.width = width;
        this.uniform = uniform;
        attention = child("attention", new MultiHeadAttention(width, width, Preset.TEMPORAL_HEADS),
                new Shape(1, 1, width), new Shape(1, 1, width));
        hidden = linear("hidden", width, width);
        dropout = child("dropout", Dropout.builder().optRate(0.1f).build(), new Shape(1, width));
        output = linear("output", width, width);
        norm = layerNorm("norm", width);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray q = inputs.get(0);
        NDArray features = inputs.get(1);
        long n = features.getShape().get(0);
        long t = features.getShape().get(1);
        NDArray attended;
        NDArray weights;
        if (uniform) {
            // ablation: every step weighs 1/T
            attended = features.mean(new int[] {1});
            weights = features.getManager().full(new Shape(n, t), 1f / t, features.getDataType());
        } else {
            // output [Q, D]; weights [Q, N, 1, T] -> mean over heads [Q, T]
            NDList att = attention.forwardOneQuery(ps, q, features, training);
            attended = att.get(0);
            weights = att.get(1).mean(new int[] {1}).squeeze(1);
        }
        NDArray src = apply(output, ps,
                apply(dropout, ps, Activation.relu(apply(hidden, ps, attended, training)), training), training);
        NDArray out = apply(norm, ps, attended.add(apply(dropout, ps, src, training)), training);
        return new NDList(out, weights);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {new Shape(in[0].get(0), width), new Shape(in[1].get(0), in[1].get(1))};
    }
}
