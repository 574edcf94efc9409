package io.avqa.reasoner.model;

import ai.djl.Device;
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

    /**
     * The forward pass for a single query per row (Lq = 1), as the question-guided attentions use it, computed
     * without projecting the Lk keys and values: with one query, q_n . (W_k x + b_k)_n = (W_k,n^T q_n) . x + const,
     * and the constant cancels in the softmax; and sum_i w_i (W_v x_i + b_v) = W_v (sum_i w_i x_i) + b_v because
     * the weights sum to 1. So each head turns the query into a key-space vector once, and the keys are read
     * raw: O(D Dk + N Lk Dk) per query instead of O(Lk D Dk), which over the 196 map positions is about 30 times
     * less work (the same values up to float rounding; a test compares the two).
     *
     * <p>Inputs: query [B, D], keyValue [B, Lk, Dk]. Outputs: [B, D] and weights [B, N, 1, Lk].
     */
    NDList forwardOneQuery(ParameterStore ps, NDArray query, NDArray keyValue, boolean training) {
        long b = query.getShape().get(0);
        long dk = keyValue.getShape().get(2);
        long h = width / heads;
        Device device = query.getDevice();
        NDArray wk = ps.getValue(keyProjection.getParameters().get("weight"), device, training);
        NDArray wv = ps.getValue(valueProjection.getParameters().get("weight"), device, training);
        NDArray bv = ps.getValue(valueProjection.getParameters().get("bias"), device, training);
        // (B, D) -> (B, N, 1, H) x (1, N, H, Dk) -> (B, N, 1, Dk): each head's query in key space
        NDArray q = apply(queryProjection, ps, query, training).reshape(b, heads, 1, h);
        NDArray u = q.matMul(wk.reshape(1, heads, h, dk));
        // (B, N, 1, Dk) x (B, 1, Dk, Lk) -> (B, N, 1, Lk)
        NDArray weights = u.matMul(keyValue.transpose(0, 2, 1).expandDims(1)).div(Math.sqrt(h)).softmax(-1);
        // (B, N, 1, Lk) x (B, 1, Lk, Dk) -> (B, N, 1, Dk): the weighted raw keys
        NDArray z = weights.matMul(keyValue.expandDims(1));
        // (B, N, 1, Dk) x (1, N, Dk, H) -> (B, N, 1, H) -> (B, D), plus the value bias
        NDArray out = z.matMul(wv.reshape(1, heads, h, dk).transpose(0, 1, 3, 2)).reshape(b, width).add(bv);
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
