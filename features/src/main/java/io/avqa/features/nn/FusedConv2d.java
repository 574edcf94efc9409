package io.avqa.features.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A convolution with a BatchNorm folded in ({@link Conv2dLayer#fold}): one pass over the activations
 * instead of two. Inference only; the arrays live as long as the network's weights.
 */
public record FusedConv2d(NDArray weight, NDArray bias, Shape stride, Shape padding) {

    public NDArray apply(NDArray x) {
        return Conv2d.conv2d(x, weight, bias, stride, padding, new Shape(1, 1)).singletonOrThrow();
    }
}
