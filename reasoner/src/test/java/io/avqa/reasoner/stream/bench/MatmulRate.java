package io.avqa.reasoner.stream.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * What one core multiplies per second through PyTorch, at the shapes that carry most of a sasr-base window's
 * arithmetic in a batch of 16 (512 rows = 16 windows x 32 sequence rows; D = 512, MLP width 2048). The benchmark
 * sets a window's FLOPs against it: an encoder close to this rate can only get faster by doing less arithmetic.
 */
final class MatmulRate {
    private static final int[][] SHAPES = {{512, 512, 512}, {512, 512, 2048}, {512, 2048, 512}};

    private MatmulRate() {
    }

    /** GFLOP/s (2 per multiply-add) on the calling thread, per shape "MxKxN", best of three one-second runs. */
    static Map<String, Double> measure() {
        Map<String, Double> rates = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            for (int[] s : SHAPES) {
                NDArray x = m.randomNormal(new Shape(s[0], s[1]));
                NDArray w = m.randomNormal(new Shape(s[1], s[2]));
                double flops = 2.0 * s[0] * s[1] * s[2];
                double best = 0;
                for (int run = 0; run < 4; run++) {
                    long start = System.nanoTime();
                    int n = 0;
                    while (System.nanoTime() - start < 1_000_000_000L) {
                        try (NDManager scratch = m.newSubManager()) {
                            x.matMul(w).attach(scratch);
                        }
                        n++;
                    }
                    if (run > 0) { // the first run warms the caches and the allocator
                        best = Math.max(best, flops * n / (System.nanoTime() - start));
                    }
                }
                rates.put(s[0] + "x" + s[1] + "x" + s[2], Math.round(best * 10) / 10.0);
            }
        }
        return rates;
    }
}
