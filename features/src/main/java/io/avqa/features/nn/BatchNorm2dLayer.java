package io.avqa.features.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.BatchNorm2d} (eps 1e-5, momentum 0.1): in inference the running statistics normalise; in
 * training the batch's statistics do and the running ones are updated in place, as PyTorch does. Parameters
 * {@code weight}, {@code bias}, {@code running_mean}, {@code running_var}, each [channels].
 * PyTorch's {@code num_batches_tracked} is a training counter and is not a parameter here.
 */
public final class BatchNorm2dLayer extends TorchBlock {
    private static final float EPS = 1e-5f;

    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    public BatchNorm2dLayer(int channels) {
        Shape c = new Shape(channels);
        gamma = torchParameter("weight", Parameter.Type.GAMMA, c);
        beta = torchParameter("bias", Parameter.Type.BETA, c);
        runningMean = torchParameter("running_mean", Parameter.Type.RUNNING_MEAN, c);
        runningVar = torchParameter("running_var", Parameter.Type.RUNNING_VAR, c);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        var d = x.getDevice();
        return BatchNorm.batchNorm(x, ps.getValue(runningMean, d, false), ps.getValue(runningVar, d, false),
                ps.getValue(gamma, d, training), ps.getValue(beta, d, training), 1, 0.1f, EPS, training);
    }

    /** Per-channel {@code gamma / sqrt(var + eps)}: the factor a folded convolution multiplies its weights by. */
    NDArray scale() {
        return gamma.getArray().div(runningVar.getArray().add(EPS).sqrt());
    }

    /** Per-channel {@code beta - mean * scale}: the folded convolution's bias. */
    NDArray shift(NDArray scale) {
        return beta.getArray().sub(runningMean.getArray().mul(scale));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
