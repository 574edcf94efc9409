package io.avqa.features.audio;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.avqa.features.nn.Conv2dLayer;
import io.avqa.features.nn.LinearLayer;
import io.avqa.features.nn.MaxPool;
import io.avqa.features.nn.TorchBlock;

/**
 * The VGGish network with torchvggish's parameter names: {@code features.{0,3,6,8,11,13}} are the 3x3
 * convolutions (64, 128, 256, 256, 512, 512; ReLU each; 2x2 max pools after 0, 3, 8 and 13) and
 * {@code embeddings.{0,2,4}} the fully connected layers 12288-4096-4096-128. 72,141,184 parameters.
 *
 * <p>Input: log-mel examples [B, 1, 96, 64] (frames x bands). Output: [B, 128].
 * The 512x6x4 map is flattened channels-last (as torchvggish does, to match the TensorFlow weights).
 * Whether the last FC has a ReLU differs between releases, so it is a property of the weights.
 */
public final class VggishNetwork extends TorchBlock {
    public static final int EMBEDDING = 128;

    private final List<Conv2dLayer> convs = new ArrayList<>();
    private final List<Boolean> poolAfter = new ArrayList<>();
    private final LinearLayer fc1;
    private final LinearLayer fc2;
    private final LinearLayer fc3;
    private final boolean finalRelu;
    private final VggishPostprocessor postprocessor;

    public VggishNetwork(boolean finalRelu) {
        this(finalRelu, false);
    }

    /**
     * @param finalRelu whether the last FC layer has a ReLU (a property of the weights)
     * @param pca       whether torchvggish's PCA + quantisation post-processor ({@code pproc.*}) runs
     */
    public VggishNetwork(boolean finalRelu, boolean pca) {
        this.finalRelu = finalRelu;
        conv(0, 1, 64, true);
        conv(3, 64, 128, true);
        conv(6, 128, 256, false);
        conv(8, 256, 256, true);
        conv(11, 256, 512, false);
        conv(13, 512, 512, true);
        fc1 = torchChild("embeddings.0", new LinearLayer(512 * 6 * 4, 4096));
        fc2 = torchChild("embeddings.2", new LinearLayer(4096, 4096));
        fc3 = torchChild("embeddings.4", new LinearLayer(4096, EMBEDDING));
        postprocessor = pca ? torchChild("pproc", new VggishPostprocessor()) : null;
    }

    private void conv(int index, int in, int out, boolean pool) {
        convs.add(torchChild("features." + index, new Conv2dLayer(in, out, 3, 1, 1, true)));
        poolAfter.add(pool);
    }

    public boolean finalRelu() {
        return finalRelu;
    }

    /** Multiply-accumulates for one 96x64 example. */
    public long macs() {
        long h = LogMelFrontEnd.FRAMES;
        long w = LogMelFrontEnd.BANDS;
        long total = 0;
        for (int i = 0; i < convs.size(); i++) {
            total += convs.get(i).macs(h, w);
            if (poolAfter.get(i)) {
                h /= 2;
                w /= 2;
            }
        }
        return total + fc1.macs() + fc2.macs() + fc3.macs();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = hidden(ps, inputs.singletonOrThrow());
        x = fc3.forward(ps, new NDList(x), false).singletonOrThrow();
        NDList out = new NDList(finalRelu ? Activation.relu(x) : x);
        return postprocessor == null ? out : postprocessor.forward(ps, out, false);
    }

    /**
     * The 4096 values after the second FC layer and its ReLU, the input of the last FC layer
     * ({@code embeddings.4}): backbone training fits that layer alone on these.
     */
    public NDArray hidden(ParameterStore ps, NDArray examples) {
        NDArray x = examples;
        for (int i = 0; i < convs.size(); i++) {
            x = convs.get(i).forward(ps, new NDList(x), false).singletonOrThrow();
            // max commutes with ReLU: pooling first runs the ReLU on a quarter of the values
            x = Activation.relu(poolAfter.get(i) ? MaxPool.window2Stride2(x) : x);
        }
        // (B, 512, 6, 4) -> (B, 6, 4, 512) -> (B, 12288): torchvggish's transpose(1,3).transpose(1,2)
        x = x.transpose(0, 2, 3, 1).reshape(x.getShape().get(0), -1);
        x = Activation.relu(fc1.forward(ps, new NDList(x), false).singletonOrThrow());
        return Activation.relu(fc2.forward(ps, new NDList(x), false).singletonOrThrow());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), EMBEDDING)};
    }
}
