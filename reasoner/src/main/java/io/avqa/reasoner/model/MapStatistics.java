package io.avqa.reasoner.model;

/**
 * The two per-segment reductions of a visual map that steps 2 and 5 need: the mean of each channel over the
 * 196 positions (step 2's pooling) and, per position, 1 / (|x_p| + 1e-6) over the 512 channels (step 5's
 * normalisation). A segment's values are the same in every window it is part of, so the service computes them
 * once per segment here instead of once per window in the network: a sasr-base batch of 16 windows at bf16
 * matmul precision took 208 instead of 222 ms, and the statistics cost 0.1 ms per segment in Java. Accumulated
 * in double, then rounded to float.
 */
public final class MapStatistics {
    private MapStatistics() {
    }

    /**
     * Reads one map of 512 x 196 floats at {@code map[offset]} (channel-major, as the feature topics carry it)
     * and writes 512 channel means at {@code pooled[pooledOffset]} and 196 inverse norms at
     * {@code inverseNorms[normsOffset]}.
     */
    public static void of(float[] map, int offset, float[] pooled, int pooledOffset, float[] inverseNorms,
            int normsOffset) {
        int channels = SaSRConfig.VISUAL_CHANNELS;
        int positions = SaSRConfig.POSITIONS;
        double[] squares = new double[positions];
        for (int c = 0; c < channels; c++) {
            int row = offset + c * positions;
            double sum = 0;
            for (int p = 0; p < positions; p++) {
                double v = map[row + p];
                sum += v;
                squares[p] += v * v;
            }
            pooled[pooledOffset + c] = (float) (sum / positions);
        }
        for (int p = 0; p < positions; p++) {
            inverseNorms[normsOffset + p] = (float) (1.0 / (Math.sqrt(squares[p]) + 1e-6));
        }
    }

    /** {@link #of} for each of the {@code steps} maps of a flat [steps, 512, 196] array: [pooled, inverse norms]. */
    public static float[][] ofSteps(float[] maps, int steps) {
        float[] pooled = new float[steps * SaSRConfig.VISUAL_CHANNELS];
        float[] inverseNorms = new float[steps * SaSRConfig.POSITIONS];
        for (int t = 0; t < steps; t++) {
            of(maps, t * SaSRConfig.VISUAL_CHANNELS * SaSRConfig.POSITIONS, pooled, t * SaSRConfig.VISUAL_CHANNELS,
                    inverseNorms, t * SaSRConfig.POSITIONS);
        }
        return new float[][] {pooled, inverseNorms};
    }
}
