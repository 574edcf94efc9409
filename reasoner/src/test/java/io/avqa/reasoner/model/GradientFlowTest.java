package io.avqa.reasoner.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.avqa.reasoner.train.SaSRLoss;
import org.junit.jupiter.api.Test;

class GradientFlowTest {

    @Test
    void everyParameterReceivesGradientFromTheLosses() {
        // Drop-path (0.1) may drop one residual branch for both samples of this tiny batch, which leaves that
        // branch without gradient by design; a fixed engine seed makes the draw (and the inputs) repeatable.
        Engine.getInstance().setRandomSeed(20261125);
        try (NDManager m = NDManager.newBaseManager()) {
            // every part: the paper's network, the question's look at the map and the per-second heads
            SaSRNet net = NetFixture.net(Preset.SASR_SMALL, m, java.util.EnumSet.allOf(Extension.class));
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (p.getKey().endsWith("sourceTokens")) {
                    // tokens start at zero (reference), which makes the token-identity weight's gradient
                    // G^T dL exactly zero on the very first step; check the state after tokens have moved
                    p.getValue().getArray().set(m.randomNormal(0f, 0.02f, p.getValue().getArray().getShape(),
                            DataType.FLOAT32).toFloatArray());
                }
                p.getValue().getArray().setRequiresGradient(true);
            }
            int b = 2;
            ParameterStore ps = new ParameterStore(m, false);
            NDArray sources = m.randomInteger(0, 2, new Shape(b, NetFixture.C), DataType.INT32)
                    .toType(DataType.FLOAT32, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                SaSRNet.TrainingOutputs out = net.forwardTraining(ps, NetFixture.audio(m, b),
                        NetFixture.visual(m, b), NetFixture.tokens(m, 3), m.create(new long[] {0, 1, 1}),
                        m.create(new long[] {4, 5, 6, 7, 0, 1, 2, 3}), true);
                NDArray secondHeard = m.randomInteger(0, 2, new Shape(b, NetFixture.T, NetFixture.C), DataType.INT32)
                        .toType(DataType.FLOAT32, false);
                NDArray secondColumns = m.randomInteger(0, 2, new Shape(b, NetFixture.T, SaSRNet.COLUMNS),
                        DataType.INT32).toType(DataType.FLOAT32, false);
                NDArray loss = SaSRLoss.compute(out, m.create(new long[] {3, 7, 9}), sources, sources, secondHeard,
                        secondColumns, m.ones(new Shape(b))).total();
                gc.backward(loss);
            }
            List<String> withoutGradient = new ArrayList<>();
            int count = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                count++;
                NDArray grad = p.getValue().getArray().getGradient();
                // a one-query attention's key bias adds the same number to every logit, which the softmax cancels:
                // it has no effect and, computed as MultiHeadAttention.forwardOneQuery does, no gradient
                boolean noEffect = p.getKey().startsWith("02questionHead") && p.getKey().endsWith("keyProjection_bias");
                if (grad.abs().sum().getFloat() == 0f && !noEffect) {
                    withoutGradient.add(p.getKey());
                }
            }
            assertTrue(count > 100, "expected the whole network's parameters, got " + count);
            assertTrue(withoutGradient.isEmpty(), "parameters without gradient: " + withoutGradient);
        }
    }
}
