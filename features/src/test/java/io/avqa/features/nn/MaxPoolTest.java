package io.avqa.features.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

import org.junit.jupiter.api.Test;

/** The strided-view pools give exactly PyTorch's {@code max_pool2d}, including at the padded borders. */
class MaxPoolTest {

    @Test
    void window2Stride2IsTorchsPool() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (Shape s : new Shape[] {new Shape(2, 3, 96, 64), new Shape(1, 2, 7, 5)}) {
                NDArray x = m.randomNormal(s);
                NDArray expected = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
                NDArray actual = MaxPool.window2Stride2(x);
                assertEquals(expected.getShape(), actual.getShape());
                assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 0f, s.toString());
            }
        }
    }

    @Test
    void window3Stride2Pad1IsTorchsPoolAlsoForNegativeValuesAtTheBorder() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            // all negative: a zero padding would win at the border, PyTorch's -inf padding never does
            for (Shape s : new Shape[] {new Shape(2, 4, 112, 112), new Shape(1, 2, 6, 10), new Shape(1, 2, 7, 9)}) {
                NDArray x = m.randomUniform(-2f, -1f, s);
                NDArray expected = Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
                NDArray actual = MaxPool.window3Stride2Pad1(x);
                assertEquals(expected.getShape(), actual.getShape());
                assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 0f, s.toString());
            }
        }
    }
}
