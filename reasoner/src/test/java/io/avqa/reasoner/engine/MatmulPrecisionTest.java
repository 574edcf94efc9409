package io.avqa.reasoner.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The precision reaches PyTorch and comes back: bf16 changes a linear layer's products by at most bfloat16 rounding,
 * fp32 restores them exactly.
 */
class MatmulPrecisionTest {

    @AfterEach
    void backToFp32() {
        MatmulPrecision.FP32.apply(); // the setting is process-wide: later tests in this JVM expect fp32
    }

    @Test
    void bf16RoundsTheProductsAndFp32RestoresThemExactly() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.randomNormal(new Shape(256, 512));
            NDArray w = m.randomNormal(new Shape(512, 512));
            MatmulPrecision.FP32.apply();
            assertEquals(MatmulPrecision.FP32, MatmulPrecision.current());
            float[] fp32 = linear(x, w);

            MatmulPrecision.BF16.apply();
            assertEquals(MatmulPrecision.BF16, MatmulPrecision.current());
            if (MatmulPrecision.cpuHasBf16()) {
                // a 512-term dot product of unit normals is about 22.6 in size; bfloat16 inputs (8 significant
                // bits) make each term off by up to 2^-8 relative: errors of order 0.1 overall, never 5. Whether
                // oneDNN rounds the inputs at all is its choice per CPU: on an AMX Xeon it did (about 0.1), on an
                // AVX-512 BF16 Zen 5 they stayed at fp32 accuracy (9e-5, as a summation-order change would). Both
                // are bounded, and neither is 0: the products left MKL's fp32 path.
                double worst = maxAbsDiff(fp32, linear(x, w));
                assertTrue(worst > 0 && worst < 1.0, "bf16 deviation from fp32: " + worst);
            }

            MatmulPrecision.FP32.apply();
            assertEquals(MatmulPrecision.FP32, MatmulPrecision.current());
            assertArrayEquals(fp32, linear(x, w), 0f);
        }
    }

    @Test
    void parsesEitherCaseAndNamesTheChoicesOnATypo() {
        assertEquals(MatmulPrecision.BF16, MatmulPrecision.parse("BF16"));
        assertEquals(MatmulPrecision.FP32, MatmulPrecision.parse("fp32"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatmulPrecision.parse("fp16"));
        assertTrue(e.getMessage().contains("fp32 or bf16"), e.getMessage());
    }

    private static float[] linear(NDArray x, NDArray w) {
        return Linear.linear(x, w, null).singletonOrThrow().toFloatArray();
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
