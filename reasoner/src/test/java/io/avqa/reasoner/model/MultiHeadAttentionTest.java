package io.avqa.reasoner.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultiHeadAttentionTest {

    @ParameterizedTest(name = "D={0}, Dk={1}, Lk={2}")
    @CsvSource({"32, 32, 10", "32, 48, 196"})
    void theOneQueryShortcutEqualsTheFullAttention(int width, int keyWidth, int keys) {
        try (NDManager m = NDManager.newBaseManager()) {
            MultiHeadAttention attention = new MultiHeadAttention(width, keyWidth, 4);
            // non-zero biases too: the key bias must cancel and the value bias must carry through
            attention.setInitializer(new NormalInitializer(0.3f), p -> true);
            attention.initialize(m, DataType.FLOAT32, new Shape(1, 1, width), new Shape(1, 1, keyWidth));
            NDArray query = m.randomNormal(new Shape(3, width));
            NDArray keyValue = m.randomNormal(new Shape(3, keys, keyWidth));
            ParameterStore ps = new ParameterStore(m, false);
            NDList full = attention.forward(ps, new NDList(query.expandDims(1), keyValue), false);
            NDList shortcut = attention.forwardOneQuery(ps, query, keyValue, false);
            assertArrayEquals(full.get(0).squeeze(1).toFloatArray(), shortcut.get(0).toFloatArray(), 1e-4f);
            assertArrayEquals(full.get(1).toFloatArray(), shortcut.get(1).toFloatArray(), 1e-5f);
        }
    }
}
