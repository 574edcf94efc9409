package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Pre-norm cross-attention block: {@code q + CrossAttn(LN(q), LN(kv))}, then {@code q + MLP(LN(q))}. Used where
 * MODEL.md says "one cross-attention block": tokens attending to features, features attending to source
 * embeddings, and source-aware audio attending to visual features.
 * Inputs: query [B, Lq, D], keyValue [B, Lk, D]. Output [B, Lq, D].
 */
final class CrossAttentionLayer extends SaSRBlock {
    private final LayerNorm queryNorm;
    private final LayerNorm keyNorm;
    private final MultiHeadAttention attention;
    private final LayerNorm mlpNorm;
    private final FeedForward mlp;

    CrossAttentionLayer(int width, int heads) {
        queryNorm = layerNorm("queryNorm", width);
        keyNorm = layerNorm("keyNorm", width);
        attention = child("crossAttention", new MultiHeadAttention(width, width, heads),
                new Shape(1, 1, width), new Shape(1, 1, width));
        mlpNorm = layerNorm("mlpNorm", width);
        mlp = child("mlp", new FeedForward(width, (long) width * Preset.MLP_RATIO, width), new Shape(1, width));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray q = inputs.get(0);
        NDArray kv = apply(keyNorm, ps, inputs.get(1), training);
        NDArray attended = attention.forward(ps, new NDList(apply(queryNorm, ps, q, training), kv), training).head();
        q = q.add(DropPath.apply(attended, EncoderLayer.DROP_PATH, training));
        NDArray m = apply(mlp, ps, apply(mlpNorm, ps, q, training), training);
        return new NDList(q.add(DropPath.apply(m, EncoderLayer.DROP_PATH, training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {in[0]};
    }
}
