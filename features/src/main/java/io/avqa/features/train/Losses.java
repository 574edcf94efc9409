package io.avqa.features.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/** The losses backbone training uses, written out so their reductions are plain to see. */
final class Losses {
    private Losses() {
    }

    /**
     * Binary cross-entropy of {@code logits} against targets in [0, 1], element-wise, in the numerically stable
     * form {@code max(x, 0) - x*y + log(1 + exp(-|x|))}.
     */
    static NDArray bceWithLogits(NDArray logits, NDArray targets) {
        return logits.maximum(0).sub(logits.mul(targets)).add(logits.abs().neg().exp().add(1f).log());
    }

    /** Mean cross-entropy of logits (N, K) against one-hot targets (N, K). */
    static NDArray crossEntropy(NDArray logits, NDArray oneHot) {
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
    }

    /** Mean of {@code values} where {@code mask} is 1; 0 when the mask is empty. */
    static NDArray maskedMean(NDArray values, NDArray mask) {
        return values.mul(mask).sum().div(NDArrays.maximum(mask.sum(), 1f));
    }
}
