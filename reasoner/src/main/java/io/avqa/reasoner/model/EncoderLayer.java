package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Pre-norm transformer encoder layer (MODEL.md step 4): {@code x + SelfAttn(LN(x))}, then {@code x + MLP(LN(x))},
 * each residual branch with drop-path. DJL's {@code TransformerEncoderBlock} is post-norm, hence this class.
 * Input and output [B, L, D].
 */
final class EncoderLayer extends SaSRBlock {
    static final float DROP_PATH = 0.1f;

    private final LayerNorm attentionNorm;
    private final MultiHeadAttention attention;
    private final LayerNorm mlpNorm;
    private final FeedForward mlp;

    EncoderLayer(int width, int heads) {
        attentionNorm = layerNorm("attentionNorm", width);
        attention = child("selfAttention", new MultiHeadAttention(width, width, heads),
                new Shape(1, 1, width), new Shape(1, 1, width));
        mlpNorm = layerNorm("mlpNorm", width);
        mlp = child("mlp", new FeedForward(width, (long) width * Preset.MLP_RATIO, width), new Shape(1, width));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray n = apply(attentionNorm, ps, x, training);
        NDArray attended = attention.forward(ps, new NDList(n, n), training).head();
        x = x.add(DropPath.apply(attended, DROP_PATH, training));
        NDArray m = apply(mlp, ps, apply(mlpNorm, ps, x, training), training);
        return new NDList(x.add(DropPath.apply(m, DROP_PATH, training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {in[0]};
    }
}
