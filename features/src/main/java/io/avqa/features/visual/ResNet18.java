package io.avqa.features.visual;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.avqa.features.nn.BatchNorm2dLayer;
import io.avqa.features.nn.Conv2dLayer;
import io.avqa.features.nn.FusedConv2d;
import io.avqa.features.nn.MaxPool;
import io.avqa.features.nn.TorchBlock;

/**
 * torchvision's ResNet-18 without its classifier, with <b>layer4 at stride 1</b> (its first 3x3 conv and
 * its 1x1 downsample), as MUSIC-AVQA's feature extractor used it: a 224x224 image gives a 512x14x14 map
 * instead of 512x7x7. Parameter names are torchvision's ({@code conv1.weight}, {@code layer1.0.bn1.running_mean},
 * ...), so torchvision weights load unchanged (their {@code fc.*} is not used). 11,176,512 parameters.
 *
 * <p>Input: [B, 3, H, W] normalised RGB. Output: {@code NDList(map [B, 512, H/16, W/16], pooled [B, 512])},
 * the pooled vector being the mean of the map over its positions (torchvision's adaptive average pool).
 */
public final class ResNet18 extends TorchBlock {
    public static final int CHANNELS = 512;

    private final Conv2dLayer conv1;
    private final BatchNorm2dLayer bn1;
    private final List<BasicBlock> blocks = new ArrayList<>();
    private FusedConv2d fusedStem;

    public ResNet18() {
        conv1 = torchChild("conv1", new Conv2dLayer(3, 64, 7, 2, 3, false));
        bn1 = torchChild("bn1", new BatchNorm2dLayer(64));
        int[] widths = {64, 128, 256, 512};
        int[] strides = {1, 2, 2, 1}; // layer4 stride 1: the 14x14 map
        int in = 64;
        for (int layer = 0; layer < 4; layer++) {
            int out = widths[layer];
            boolean down = strides[layer] != 1 || in != out;
            blocks.add(torchChild("layer" + (layer + 1) + ".0", new BasicBlock(in, out, strides[layer], down)));
            blocks.add(torchChild("layer" + (layer + 1) + ".1", new BasicBlock(out, out, 1, false)));
            in = out;
        }
    }

    /**
     * Folds every BatchNorm into the convolution before it: the same function (up to float rounding) in one
     * pass per layer instead of two. Call once, after the weights are bound; for inference only.
     */
    public void fuseBatchNorm() {
        fusedStem = conv1.fold(bn1);
        blocks.forEach(BasicBlock::fuseBatchNorm);
    }

    /** Multiply-accumulates for one {@code h x w} image (convolutions; BN, ReLU, pooling excluded). */
    public long macs(long h, long w) {
        long total = conv1.macs(h, w);
        h = poolOut(conv1.outSize(h));
        w = poolOut(conv1.outSize(w));
        for (BasicBlock b : blocks) {
            total += b.macs(h, w);
            h = b.outSize(h);
            w = b.outSize(w);
        }
        return total;
    }

    private static long poolOut(long size) {
        return (size + 2 - 3) / 2 + 1;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = fusedStem != null ? fusedStem.apply(inputs.singletonOrThrow())
                : bn1.forward(ps, conv1.forward(ps, inputs, training), training).singletonOrThrow();
        // max commutes with ReLU: pooling first runs the ReLU on a quarter of the values
        x = Activation.relu(MaxPool.window3Stride2Pad1(x));
        NDList current = new NDList(x);
        for (BasicBlock b : blocks) {
            current = b.forward(ps, current, training);
        }
        NDArray map = current.singletonOrThrow(); // (B, 512, H/16, W/16)
        Shape ms = map.getShape();
        NDArray pooled = map.reshape(ms.get(0), ms.get(1), -1).mean(new int[] {2}); // (B, 512, HW) -> (B, 512)
        return new NDList(map, pooled);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        long h = s.get(2);
        long w = s.get(3);
        h = poolOut(conv1.outSize(h));
        w = poolOut(conv1.outSize(w));
        for (BasicBlock b : blocks) {
            h = b.outSize(h);
            w = b.outSize(w);
        }
        return new Shape[] {new Shape(s.get(0), CHANNELS, h, w), new Shape(s.get(0), CHANNELS)};
    }
}
