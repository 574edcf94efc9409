package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Audio-visual match head, training only (MODEL.md step 6): per step, {@code [f_g_audio[t]; f_sa[t]]} through
 * FC 2D -> 512 -> 256 -> 128 -> 2 with ReLU. Input [N, 2D], output logits [N, 2] (1 = matching pair).
 */
final class MatchHead extends SaSRBlock {
    private final Linear[] layers;

    MatchHead(int width) {
        long[] sizes = {2L * width, 512, 256, 128, 2};
        layers = new Linear[sizes.length - 1];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = linear("fc" + i, sizes[i], sizes[i + 1]);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        for (int i = 0; i < layers.length; i++) {
            x = apply(layers[i], ps, x, training);
            if (i < layers.length - 1) {
                x = Activation.relu(x);
            }
        }
        return new NDList(x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {in[0].slice(0, in[0].dimension() - 1).add(2)};
    }
}
