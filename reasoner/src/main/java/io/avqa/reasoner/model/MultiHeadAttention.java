package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Batch-first multi-head scaled dot-product attention that also returns its weights, which SaSR-Net shows to
 * users (temporal attention). Written here rather than reusing DJL's {@code ScaledDotProductAttentionBlock}
 * because that block does not expose the attention weights.
 *
 * <p>Dimensions: B batch, Lq query length, Lk key length, D width, N heads, H = D / N.
 * Inputs: query [B, Lq, D], keyValue [B, Lk, Dk]. Outputs: [B, Lq, D] and weights [B, N, Lq, Lk].
 */
final class MultiHeadAttention extends SaSRBlock {
    private final int width;
    private final int heads;
    private final Linear queryProjection;
    private final Linear keyProjection;
    private final Linear valueProjection;
    private final Linear outputProjection;

    MultiHeadAttention(int width, int keyWidth, int heads) {
        if (width % heads != 0) {
            throw new IllegalArgumentException("Embedding Size (" + width + ") is not divisible by head count ("
                    + heads + ")");
        }
        this.width = width;
        this.heads = heads;
        queryProjection = linear("queryProjection", width, width);
        keyProjection = linear("keyProjection", keyWidth, width);
        valueProjection = linear("valueProjection", keyWidth, width);
        outputProjection = linear("outputProjection", width, width);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray query = inputs.get(0);
        NDArray keyValue = inputs.get(1);
        long b = query.getShape().get(0);
        long lq = query.getShape().get(1);
        long lk = keyValue.getShape().get(1);
        long h = width / heads;
        // (B, L, D) -> (B, L, N, H) -> (B, N, L, H)
        NDArray q = apply(queryProjection, ps, query, training).reshape(b, lq, heads, h).transpose(0, 2, 1, 3);
        NDArray k = apply(keyProjection, ps, keyValue, training).reshape(b, lk, heads, h).transpose(0, 2, 1, 3);
        NDArray v = apply(valueProjection, ps, keyValue, training).reshape(b, lk, heads, h).transpose(0, 2, 1, 3);
        // (B, N, Lq, H) x (B, N, H, Lk) -> (B, N, Lq, Lk)
        NDArray weights = q.matMul(k.transpose(0, 1, 3, 2)).div(Math.sqrt(h)).softmax(-1);
        // (B, N, Lq, Lk) x (B, N, Lk, H) -> (B, N, Lq, H) -> (B, Lq, N, H) -> (B, Lq, D)
        NDArray out = weights.matMul(v).transpose(0, 2, 1, 3).reshape(b, lq, width);
        return new NDList(apply(outputProjection, ps, out, training), weights);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        long b = in[0].get(0);
        long lq = in[0].get(1);
        long lk = in[1].get(1);
        return new Shape[] {new Shape(b, lq, width), new Shape(b, heads, lq, lk)};
    }
}
