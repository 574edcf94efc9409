package io.avqa.reasoner.model;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The attention on the raw map (norms only) against the definition (attention over unit-length positions). */
class SpatialAttentionTest {
    @Test
    void attendingTheRawMapEqualsAttendingTheNormalisedPositions() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            NDArray map = m.randomNormal(new Shape(2, 3, SaSRConfig.VISUAL_CHANNELS, SaSRConfig.POSITIONS)).abs()
                    .mul(m.randomUniform(0.1f, 5f, new Shape(2, 3, 1, SaSRConfig.POSITIONS)));
            NDArray query = m.randomNormal(new Shape(2, 3, SaSRConfig.VISUAL_CHANNELS));
            for (boolean uniform : new boolean[] {false, true}) {
                NDList fast = SpatialAttention.attendUnnormalised(query, map, uniform);
                NDList reference = SpatialAttention.attend(query, SpatialAttention.normalisePositions(map), uniform);
                assertArrayEquals(reference.get(0).toFloatArray(), fast.get(0).toFloatArray(), 1e-5f,
                        "attended vectors, uniform=" + uniform);
                assertArrayEquals(reference.get(1).toFloatArray(), fast.get(1).toFloatArray(), 1e-6f,
                        "weights, uniform=" + uniform);
            }
        }
    }
}
