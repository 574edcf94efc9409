package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Stochastic depth (the reference's drop-path 0.1): in training, a residual branch is dropped for a whole
 * sample with probability {@code rate} and scaled by 1 / (1 - rate) otherwise; identity at inference.
 */
final class DropPath {
    private DropPath() {
    }

    /** branch [B, ...] -> the same shape, masked per sample. */
    static NDArray apply(NDArray branch, float rate, boolean training) {
        if (!training || rate <= 0f) {
            return branch;
        }
        long b = branch.getShape().get(0);
        long[] maskShape = new long[branch.getShape().dimension()];
        java.util.Arrays.fill(maskShape, 1);
        maskShape[0] = b;
        NDArray keep = branch.getManager().randomUniform(0f, 1f, new Shape(maskShape)).gte(rate)
                .toType(branch.getDataType(), false);
        return branch.mul(keep).div(1f - rate);
    }
}
