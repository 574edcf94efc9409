package io.avqa.features.train;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.optimizer.Optimizer;

/**
 * A trainable linear layer used only during backbone training (a probe-like head whose loss shapes the
 * backbone); discarded afterwards. Weights [out, in] uniform in +-1/sqrt(in), as torch.nn.Linear starts.
 */
final class LinearHead {
    private final String name;
    private final NDArray weight;
    private final NDArray bias;

    LinearHead(String name, NDManager manager, int in, int out, long seed) {
        this.name = name;
        float bound = (float) (1 / Math.sqrt(in));
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed ^ name.hashCode());
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        weight = manager.create(w, new Shape(out, in));
        bias = manager.zeros(new Shape(out));
        weight.setRequiresGradient(true);
        bias.setRequiresGradient(true);
    }

    /** (..., in) -> (..., out). */
    NDArray apply(NDArray x) {
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }

    List<NDArray> arrays() {
        return List.of(weight, bias);
    }

    void update(Optimizer optimizer, NDManager step) {
        Training.update(optimizer, name + ".weight", weight, step);
        Training.update(optimizer, name + ".bias", bias, step);
    }
}
