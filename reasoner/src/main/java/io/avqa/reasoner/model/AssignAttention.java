package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One-head assignment attention (MODEL.md step 4, grouping): every time step is assigned to one source token.
 * The softmax runs over the token axis; the forward pass uses the hard (one-hot) assignment and the gradient
 * flows through the soft one (straight-through). Each token then averages the features assigned to it.
 * Inputs: tokens [B, C, D], features [B, T, D]. Outputs: [B, C, D] and the soft assignment [B, C, T].
 */
final class AssignAttention extends SaSRBlock {
    private final int width;
    private final Linear queryProjection;
    private final Linear keyProjection;
    private final Linear valueProjection;
    private final Linear outputProjection;

    AssignAttention(int width) {
        this.width = width;
        queryProjection = linear("queryProjection", width, width);
        keyProjection = linear("keyProjection", width, width);
        valueProjection = linear("valueProjection", width, width);
        outputProjection = linear("outputProjection", width, width);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray tokens = inputs.get(0);
        NDArray features = inputs.get(1);
        NDArray q = apply(queryProjection, ps, tokens, training);
        NDArray k = apply(keyProjection, ps, features, training);
        NDArray v = apply(valueProjection, ps, features, training);
        // (B, C, D) x (B, D, T) -> (B, C, T); softmax over tokens (axis 1): each step picks one token
        NDArray soft = q.matMul(k.transpose(0, 2, 1)).div(Math.sqrt(width)).softmax(1);
        int categories = (int) soft.getShape().get(1);
        // argmax over tokens: (B, T) -> one-hot (B, T, C) -> (B, C, T)
        NDArray hard = soft.argMax(1).oneHot(categories).transpose(0, 2, 1).toType(soft.getDataType(), false);
        NDArray assign = hard.sub(soft.stopGradient()).add(soft);
        // each token averages its assigned steps: divide by (count + 1) to stay finite for empty tokens
        NDArray normalised = assign.div(assign.sum(new int[] {2}, true).add(1f));
        // (B, C, T) x (B, T, D) -> (B, C, D)
        NDArray gathered = normalised.matMul(v);
        return new NDList(apply(outputProjection, ps, gathered, training), soft);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {in[0], new Shape(in[0].get(0), in[0].get(1), in[1].get(1))};
    }
}
