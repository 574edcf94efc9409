package io.avqa.features.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * One learnable tensor of a network under the name PyTorch gives it in a state dict
 * (e.g. {@code layer1.0.bn1.running_mean}), with the shape a checkpoint must have for it.
 */
public record TorchParameter(String name, Parameter parameter, Shape shape) {
}
