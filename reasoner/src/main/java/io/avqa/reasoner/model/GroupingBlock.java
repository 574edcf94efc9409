package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Tokens gather evidence (MODEL.md step 4): LN on tokens, an MLP across the token axis, LN, one cross-attention
 * block from tokens to the source-aware features, an assignment attention plus residual, then an MLP with
 * residual. Inputs: tokens [B, C, D], features f_s [B, T, D]. Output: source embeddings G' [B, C, D].
 */
final class GroupingBlock extends SaSRBlock {
    private final int categories;
    private final LayerNorm tokenNorm;
    private final LayerNorm featureNorm;
    private final FeedForward tokenMix;
    private final LayerNorm mixedNorm;
    private final CrossAttentionLayer preAssign;
    private final AssignAttention assign;
    private final LayerNorm outputNorm;
    private final FeedForward outputMlp;

    GroupingBlock(int width, int heads, int categories) {
        this.categories = categories;
        tokenNorm = layerNorm("tokenNorm", width);
        featureNorm = layerNorm("featureNorm", width);
        tokenMix = child("tokenMix", new FeedForward(categories, categories, categories), new Shape(1, categories));
        mixedNorm = layerNorm("mixedNorm", width);
        preAssign = child("preAssign", new CrossAttentionLayer(width, heads),
                new Shape(1, categories, width), new Shape(1, 1, width));
        assign = child("assign", new AssignAttention(width), new Shape(1, categories, width), new Shape(1, 1, width));
        outputNorm = layerNorm("outputNorm", width);
        outputMlp = child("outputMlp", new FeedForward(width, (long) width * Preset.MLP_RATIO, width),
                new Shape(1, width));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray tokens = apply(tokenNorm, ps, inputs.get(0), training);
        NDArray features = apply(featureNorm, ps, inputs.get(1), training);
        // MLP across the token axis: (B, C, D) -> (B, D, C) -> mix C -> (B, C, D)
        NDArray mixed = apply(tokenMix, ps, tokens.transpose(0, 2, 1), training).transpose(0, 2, 1);
        mixed = apply(mixedNorm, ps, mixed, training);
        mixed = preAssign.forward(ps, new NDList(mixed, features), training).head();
        NDArray grouped = assign.forward(ps, new NDList(mixed, features), training).head().add(mixed);
        NDArray out = grouped.add(apply(outputMlp, ps, apply(outputNorm, ps, grouped, training), training));
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {new Shape(in[0].get(0), categories, in[0].get(2))};
    }
}
