package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Transformer MLP: FC(D -> hidden), GELU, FC(hidden -> out). Input [..., D], output [..., out]. */
final class FeedForward extends SaSRBlock {
    private final Linear hidden;
    private final Linear output;
    private final long outWidth;

    FeedForward(long in, long hiddenWidth, long out) {
        this.outWidth = out;
        hidden = linear("hidden", in, hiddenWidth);
        output = linear("output", hiddenWidth, out);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray h = Activation.gelu(apply(hidden, ps, inputs.head(), training));
        return new NDList(apply(output, ps, h, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {in[0].slice(0, in[0].dimension() - 1).add(outWidth)};
    }
}
