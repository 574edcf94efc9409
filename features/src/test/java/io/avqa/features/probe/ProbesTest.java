package io.avqa.features.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.avqa.features.testing.LabelledScenes;
import io.avqa.features.weights.SeededBackbone;

class ProbesTest {

    @Test
    void probesSeparateTwoVisiblyDifferentCategories() throws Exception {
        List<ProbeSample> samples = ProbeFeatures.collect(SeededBackbone.V1, LabelledScenes.make(10, 4, 11), n -> { });
        List<ProbeResult> results = Probes.run(samples, 1);
        ProbeResult category = results.get(0);
        assertEquals("accuracy", category.metric());
        assertEquals(12, category.test(), "3 of 10 clips held out, one box per second");
        assertTrue(category.value() >= 0.9, "red rectangle vs green ellipse: " + category.value());
        ProbeResult visible = results.get(1);
        assertTrue(visible.value() >= 0.9, "which category is on screen: " + visible.value());
    }

    @Test
    void aucCountsTiesHalfAndRanksPerfectly() {
        assertEquals(1.0, Auc.of(new float[] {0.1f, 0.2f, 0.8f, 0.9f}, new boolean[] {false, false, true, true}));
        assertEquals(0.5, Auc.of(new float[] {0.5f, 0.5f}, new boolean[] {false, true}));
        assertTrue(Double.isNaN(Auc.of(new float[] {0.5f}, new boolean[] {true})));
    }
}
