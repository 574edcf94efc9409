package io.avqa.features.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** {@code torch.nn.Linear}: {@code weight} [out, in], {@code bias} [out]; input [B, in] gives [B, out]. */
public final class LinearLayer extends TorchBlock {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    public LinearLayer(int in, int out) {
        this.in = in;
        this.out = out;
        weight = torchParameter("weight", Parameter.Type.WEIGHT, new Shape(out, in));
        bias = torchParameter("bias", Parameter.Type.BIAS, new Shape(out));
    }

    public long macs() {
        return (long) in * out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return Linear.linear(x, ps.getValue(weight, x.getDevice(), training), ps.getValue(bias, x.getDevice(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), out)};
    }
}
