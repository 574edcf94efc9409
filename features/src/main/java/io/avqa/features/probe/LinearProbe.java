package io.avqa.features.probe;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * A linear probe on frozen features: logistic regression (one sigmoid per output, {@link Kind#MULTI_LABEL}) or
 * softmax regression ({@link Kind#SINGLE_LABEL}), fitted full-batch with Adam on z-scored inputs and a small L2
 * penalty. Linear on purpose: it asks whether the features carry a fact in a form the reasoner's layers can read,
 * not whether a deep model could dig it out.
 */
final class LinearProbe {
    private static final int ITERATIONS = 300;
    private static final float LR = 0.05f;
    private static final float L2 = 1e-3f;

    enum Kind { SINGLE_LABEL, MULTI_LABEL }

    private LinearProbe() {
    }

    /**
     * Fits on {@code trainX} [n, d] / {@code trainY} [n, k] (one-hot for single-label) and returns the predicted
     * probabilities [m, k] of {@code testX}, row-major.
     */
    static float[] fitPredict(Kind kind, float[] trainX, float[] trainY, float[] testX, int d, int k) {
        int n = trainX.length / d;
        int m = testX.length / d;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(trainX, new Shape(n, d));
            NDArray mean = x.mean(new int[] {0});
            NDArray std = x.sub(mean).square().mean(new int[] {0}).sqrt().add(1e-6f);
            x = x.sub(mean).div(std);
            NDArray y = manager.create(trainY, new Shape(n, k));
            NDArray w = manager.zeros(new Shape(d, k));
            NDArray b = manager.zeros(new Shape(k));
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(LR)).build();
            for (int it = 0; it < ITERATIONS; it++) {
                try (NDManager step = manager.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = x.matMul(w).add(b);
                    NDArray loss = kind == Kind.SINGLE_LABEL
                            ? logits.logSoftmax(1).mul(y).sum(new int[] {1}).neg().mean()
                            : logits.maximum(0).sub(logits.mul(y)).add(logits.abs().neg().exp().add(1f).log()).mean();
                    loss = loss.add(w.square().sum().mul(L2));
                    gc.backward(loss);
                    NDArray gw = w.getGradient();
                    NDArray gb = b.getGradient();
                    gw.attach(step);
                    gb.attach(step);
                    adam.update("w", w, gw);
                    adam.update("b", b, gb);
                }
            }
            NDArray t = manager.create(testX, new Shape(m, d)).sub(mean).div(std);
            NDArray logits = t.matMul(w).add(b);
            return (kind == Kind.SINGLE_LABEL ? logits.softmax(1) : Activation.sigmoid(logits)).toFloatArray();
        }
    }
}
