package io.avqa.reasoner.model;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The attention on the raw map (norms only) against its definition (attention over unit-length positions). */
class SpatialAttentionTest {
    @Test
    void attendingTheRawMapEqualsAttendingTheNormalisedPositions() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            NDArray map = m.randomNormal(new Shape(2, 3, SaSRConfig.VISUAL_CHANNELS, SaSRConfig.POSITIONS)).abs()
                    .mul(m.randomUniform(0.1f, 5f, new Shape(2, 3, 1, SaSRConfig.POSITIONS)));
            NDArray query = m.randomNormal(new Shape(2, 3, SaSRConfig.VISUAL_CHANNELS));
            for (boolean uniform : new boolean[] {false, true}) {
                NDList fast = SpatialAttention.attend(query, map, uniform);
                NDList reference = definition(query, map, uniform);
                assertArrayEquals(reference.get(0).toFloatArray(), fast.get(0).toFloatArray(), 1e-5f,
                        "attended vectors, uniform=" + uniform);
                assertArrayEquals(reference.get(1).toFloatArray(), fast.get(1).toFloatArray(), 1e-6f,
                        "weights, uniform=" + uniform);
            }
        }
    }

    /**
     * MODEL.md step 5 as written: unit-length positions and query, softmax over positions of their dot products,
     * attended = weighted sum of the unit-length positions.
     */
    private static NDList definition(NDArray query, NDArray map, boolean uniform) {
        long b = map.getShape().get(0);
        long t = map.getShape().get(1);
        long c = SaSRConfig.VISUAL_CHANNELS;
        long p = SaSRConfig.POSITIONS;
        NDArray positions = map.div(map.norm(new int[] {2}, true).add(1e-6f)).reshape(b * t, c, p);
        NDArray weights;
        if (uniform) {
            weights = map.getManager().full(new Shape(b * t, 1, p), 1f / p);
        } else {
            NDArray q = query.reshape(b * t, 1, c);
            weights = q.div(q.norm(new int[] {2}, true).add(1e-6f)).matMul(positions).softmax(2);
        }
        NDArray attended = positions.matMul(weights.transpose(0, 2, 1)).reshape(b, t, c);
        return new NDList(attended, weights.reshape(b, t, p));
    }
}
