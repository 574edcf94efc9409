package io.avqa.features.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/** Steps shared by the visual and audio trainers. */
final class Training {
    private Training() {
    }

    /** Applies one optimiser step to {@code weight} from its gradient; the gradient handle is freed with {@code step}. */
    static void update(Optimizer optimizer, String id, NDArray weight, NDManager step) {
        NDArray g = weight.getGradient();
        g.attach(step);
        optimizer.update(id, weight, g);
    }

    /** Linear warm-up over {@code warmup} updates, then a cosine decay to zero at {@code total} updates. */
    static Tracker warmupCosine(float base, int warmup, int total) {
        return warmupCosine(base, warmup, total, 0);
    }

    /** The same schedule seen from update {@code offset} on (a resumed run's optimiser counts from zero again). */
    static Tracker warmupCosine(float base, int warmup, int total, int offset) {
        return count -> {
            int numUpdate = count + offset;
            if (numUpdate < warmup) {
                return base * (numUpdate + 1) / warmup;
            }
            double progress = Math.min(1.0, (numUpdate - warmup) / (double) Math.max(1, total - warmup));
            return (float) (base * 0.5 * (1 + Math.cos(Math.PI * progress)));
        };
    }
}
