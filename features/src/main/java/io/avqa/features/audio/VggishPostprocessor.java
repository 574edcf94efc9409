package io.avqa.features.audio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.avqa.features.nn.TorchBlock;

/**
 * torchvggish's optional post-processor ({@code pproc}): PCA whitening with {@code pca_eigen_vectors}
 * [128, 128] and {@code pca_means} [128, 1], clipped to [-2, 2] and quantised to 0..255 (kept as floats),
 * as the released AudioSet embeddings were. Off unless the weights ask for it.
 */
public final class VggishPostprocessor extends TorchBlock {
    static final float MIN = -2f;
    static final float MAX = 2f;

    private final Parameter eigenVectors;
    private final Parameter means;

    public VggishPostprocessor() {
        int e = VggishNetwork.EMBEDDING;
        eigenVectors = torchParameter("pca_eigen_vectors", Parameter.Type.WEIGHT, new Shape(e, e));
        means = torchParameter("pca_means", Parameter.Type.OTHER, new Shape(e, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow(); // (B, 128)
        NDArray centred = x.sub(ps.getValue(means, x.getDevice(), false).transpose()); // (B, 128)
        NDArray pca = centred.matMul(ps.getValue(eigenVectors, x.getDevice(), false).transpose()); // (B, 128)
        NDArray quantised = pca.clip(MIN, MAX).sub(MIN).mul(255f / (MAX - MIN)).round();
        return new NDList(quantised);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
