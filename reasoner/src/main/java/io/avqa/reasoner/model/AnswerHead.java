package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Answer head (MODEL.md step 9): {@code h = FC(2D->D)(tanh([att_a + mean_t f_g_a ; att_v + mean_t f_sa]))},
 * {@code logits = FC(D->A)(tanh(h * q))}. Inputs: att_a [Q, D], att_v [Q, D], mean f_g_a [Q, D], mean f_sa
 * [Q, D], q [Q, D]. Output logits [Q, A].
 */
final class AnswerHead extends SaSRBlock {
    private final int answers;
    private final Linear fuse;
    private final Linear classifier;

    AnswerHead(int width, int answers) {
        this.answers = answers;
        fuse = linear("fuse", 2L * width, width);
        classifier = linear("classifier", width, answers);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray audio = inputs.get(0).add(inputs.get(2));
        NDArray visual = inputs.get(1).add(inputs.get(3));
        // [Q, D] ++ [Q, D] -> [Q, 2D] -> [Q, D]
        NDArray h = apply(fuse, ps, audio.concat(visual, 1).tanh(), training);
        return new NDList(apply(classifier, ps, h.mul(inputs.get(4)).tanh(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {new Shape(in[0].get(0), answers)};
    }
}
