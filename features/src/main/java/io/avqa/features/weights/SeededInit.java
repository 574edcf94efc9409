package io.avqa.features.weights;

import java.util.SplittableRandom;

import io.avqa.features.nn.TorchParameter;

/**
 * The {@code seeded-v1} weights: computed in Java from the parameter's name and shape alone, so they are
 * identical on every machine, engine and run (no engine RNG, no JDK Gaussian whose algorithm could change:
 * {@link SplittableRandom}'s sequence is specified).
 *
 * <p>Convolution and linear weights are He/Kaiming-uniform, {@code U(-b, b)} with {@code b = sqrt(6 / fan_in)},
 * so activations keep their scale through ReLU layers; biases and BatchNorm shifts are 0, BatchNorm scales
 * and running variances 1, running means 0 (BN is the identity up to its epsilon). Features are then
 * random projections of the input: informative for a model trained on them, never NaN.
 */
public final class SeededInit {
    public static final String ID = "seeded-v1";
    private static final long SEED = 0x5EEDED01L;

    private SeededInit() {
    }

    /** Values of {@code p}, row-major in its shape. */
    public static float[] values(TorchParameter p) {
        int n = Math.toIntExact(p.shape().size());
        float[] v = new float[n];
        String leaf = p.name().substring(p.name().lastIndexOf('.') + 1);
        boolean isWeight = leaf.equals("weight") && p.shape().dimension() >= 2;
        if (isWeight) {
            long fanIn = p.shape().size() / p.shape().get(0);
            double bound = Math.sqrt(6.0 / fanIn);
            SplittableRandom random = new SplittableRandom(SEED ^ ((long) p.name().hashCode() << 16) ^ n);
            for (int i = 0; i < n; i++) {
                v[i] = (float) ((2.0 * random.nextDouble() - 1.0) * bound);
            }
        } else if (leaf.equals("weight") || leaf.equals("running_var")) {
            java.util.Arrays.fill(v, 1f); // BatchNorm scale and variance
        }
        return v; // biases, BN shifts and running means: 0
    }
}
