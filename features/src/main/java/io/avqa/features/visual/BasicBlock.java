package io.avqa.features.visual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.avqa.features.nn.BatchNorm2dLayer;
import io.avqa.features.nn.Conv2dLayer;
import io.avqa.features.nn.FusedConv2d;
import io.avqa.features.nn.TorchBlock;

/**
 * torchvision's ResNet {@code BasicBlock}: conv3x3(stride) - BN - ReLU - conv3x3 - BN, plus the identity or,
 * when the shape changes, a 1x1 conv (same stride) + BN downsample; ReLU after the sum.
 * Children are named {@code conv1, bn1, conv2, bn2, downsample.0, downsample.1} as in torchvision.
 */
final class BasicBlock extends TorchBlock {
    private final Conv2dLayer conv1;
    private final BatchNorm2dLayer bn1;
    private final Conv2dLayer conv2;
    private final BatchNorm2dLayer bn2;
    private final Conv2dLayer downConv;
    private final BatchNorm2dLayer downBn;
    private FusedConv2d fused1;
    private FusedConv2d fused2;
    private FusedConv2d fusedDown;

    BasicBlock(int in, int out, int stride, boolean downsample) {
        conv1 = torchChild("conv1", new Conv2dLayer(in, out, 3, stride, 1, false));
        bn1 = torchChild("bn1", new BatchNorm2dLayer(out));
        conv2 = torchChild("conv2", new Conv2dLayer(out, out, 3, 1, 1, false));
        bn2 = torchChild("bn2", new BatchNorm2dLayer(out));
        if (downsample) {
            downConv = torchChild("downsample.0", new Conv2dLayer(in, out, 1, stride, 0, false));
            downBn = torchChild("downsample.1", new BatchNorm2dLayer(out));
        } else {
            downConv = null;
            downBn = null;
        }
    }

    /** Multiply-accumulates for one input map of {@code h x w}. */
    long macs(long h, long w) {
        long oh = conv1.outSize(h);
        long ow = conv1.outSize(w);
        long m = conv1.macs(h, w) + conv2.macs(oh, ow);
        return downConv == null ? m : m + downConv.macs(h, w);
    }

    /** Folds every BatchNorm into its convolution for inference (after the weights are bound). */
    void fuseBatchNorm() {
        fused1 = conv1.fold(bn1);
        fused2 = conv2.fold(bn2);
        fusedDown = downConv == null ? null : downConv.fold(downBn);
    }

    long outSize(long size) {
        return conv1.outSize(size);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (fused1 != null) {
            NDArray y = fused2.apply(Activation.relu(fused1.apply(x)));
            return new NDList(Activation.relu(y.addi(fusedDown == null ? x : fusedDown.apply(x))));
        }
        NDArray out = bn1.forward(ps, conv1.forward(ps, inputs, training), training).singletonOrThrow();
        out = Activation.relu(out);
        out = bn2.forward(ps, conv2.forward(ps, new NDList(out), training), training).singletonOrThrow();
        NDArray identity = downConv == null ? x
                : downBn.forward(ps, downConv.forward(ps, inputs, training), training).singletonOrThrow();
        return new NDList(Activation.relu(training ? out.add(identity) : out.addi(identity)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return bn2.getOutputShapes(conv2.getOutputShapes(conv1.getOutputShapes(inputShapes)));
    }
}
