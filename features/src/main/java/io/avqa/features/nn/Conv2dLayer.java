package io.avqa.features.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.Conv2d} with square kernels: parameters {@code weight} [out, in, k, k] and, when
 * {@code bias} is set, {@code bias} [out]. Input and output are NCHW.
 */
public final class Conv2dLayer extends TorchBlock {
    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;

    public Conv2dLayer(int in, int out, int kernel, int stride, int padding, boolean bias) {
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.weight = torchParameter("weight", Parameter.Type.WEIGHT, new Shape(out, in, kernel, kernel));
        this.bias = bias ? torchParameter("bias", Parameter.Type.BIAS, new Shape(out)) : null;
    }

    /** Multiply-accumulates for one image of {@code h x w} input pixels. */
    public long macs(long h, long w) {
        return (long) in * out * kernel * kernel * outSize(h) * outSize(w);
    }

    public long outSize(long size) {
        return (size + 2L * padding - kernel) / stride + 1;
    }

    /**
     * This convolution followed by {@code bn} (inference mode) as one convolution: BatchNorm is affine per
     * output channel, so it folds into the weights and a bias. Call after the weights are bound.
     */
    public FusedConv2d fold(BatchNorm2dLayer bn) {
        NDArray scale = bn.scale();
        NDArray w = weight.getArray().mul(scale.reshape(out, 1, 1, 1));
        NDArray b = bn.shift(scale);
        if (bias != null) {
            b = b.add(bias.getArray().mul(scale));
        }
        return new FusedConv2d(w, b, new Shape(stride, stride), new Shape(padding, padding));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, outSize(s.get(2)), outSize(s.get(3)))};
    }
}
