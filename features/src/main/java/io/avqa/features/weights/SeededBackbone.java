package io.avqa.features.weights;

import java.util.List;

import ai.djl.ndarray.NDManager;

import io.avqa.features.nn.TorchParameter;

/** The deterministic {@code seeded-v1} weights ({@link SeededInit}); VGGish without a final ReLU. */
public enum SeededBackbone implements Backbone {
    V1;

    @Override
    public String id() {
        return SeededInit.ID;
    }

    @Override
    public boolean vggishFinalRelu() {
        return false; // keeps all 128 outputs informative under random weights
    }

    @Override
    public void bind(Network network, List<TorchParameter> parameters, NDManager manager) {
        for (TorchParameter p : parameters) {
            p.parameter().setArray(manager.create(SeededInit.values(p), p.shape()));
        }
    }
}
