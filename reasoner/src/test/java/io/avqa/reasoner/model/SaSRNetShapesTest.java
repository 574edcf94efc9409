package io.avqa.reasoner.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SaSRNetShapesTest {

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyBlockProducesTheDocumentedShapes(Preset preset) {
        try (NDManager m = NDManager.newBaseManager()) {
            SaSRNet net = NetFixture.net(preset, m);
            long d = preset.width();
            int b = 2;
            int q = 3;
            ParameterStore ps = new ParameterStore(m, false);
            NDList window = net.windowEncoder().forward(ps, new NDList(NetFixture.audio(m, b),
                    NetFixture.visual(m, b)), false);
            Shape[] declared = net.windowEncoder().getOutputShapes(new Shape[] {
                SaSRNet.audioShape(b, NetFixture.T), SaSRNet.visualShape(b, NetFixture.T)});
            assertEquals(declared.length, window.size());
            for (int i = 0; i < declared.length; i++) {
                assertEquals(declared[i], window.get(i).getShape(), "window encoder output " + i);
            }
            assertEquals(new Shape(b, NetFixture.T, d), window.get(0).getShape());
            assertEquals(new Shape(b, NetFixture.T, 196), window.get(4).getShape());
            // spatial attention and presence are probabilities
            NDArray rowSums = window.get(4).sum(new int[] {2});
            assertTrue(rowSums.sub(1f).abs().max().getFloat() < 1e-4f);
            assertTrue(window.get(2).min().getFloat() >= 0f && window.get(2).max().getFloat() <= 1f);

            NDArray index = m.create(new long[] {0, 1, 1});
            NDList answers = net.questionHead().forward(ps, new NDList(window.get(0), window.get(1),
                    NetFixture.tokens(m, q), index), false);
            assertEquals(new Shape(q, NetFixture.A), answers.get(0).getShape());
            assertEquals(new Shape(q, NetFixture.T), answers.get(1).getShape());
            assertEquals(new Shape(q, NetFixture.T), answers.get(2).getShape());
            assertArrayEquals(new float[] {1f, 1f, 1f}, answers.get(1).sum(new int[] {1}).toFloatArray(), 1e-4f);

            NDArray negatives = m.create(new long[] {4, 5, 6, 7, 0, 1, 2, 3});
            SaSRNet.TrainingOutputs out = net.forwardTraining(ps, NetFixture.audio(m, b), NetFixture.visual(m, b),
                    NetFixture.tokens(m, q), index, negatives, true);
            assertEquals(new Shape(q, NetFixture.A), out.answerLogits().getShape());
            assertEquals(new Shape(2L * b * NetFixture.T, 2), out.matchLogits().getShape());
            assertEquals(new Shape(b, NetFixture.C), out.audioPresenceLogits().getShape());
            assertEquals(new Shape(b, NetFixture.C), out.visualPresenceLogits().getShape());
            assertEquals(new Shape(NetFixture.C, NetFixture.C), out.tokenIdentityLogits().getShape());
        }
    }
}
