package io.avqa.dataset.synth.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SceneSamplerTest {

    @Test
    void boxesStayInTheFrameAndUpToThreeInstrumentsStandInDifferentBands() {
        SceneSampler sampler = new SceneSampler(10, 448, 252);
        SplittableRandom rnd = new SplittableRandom(7);
        int four = 0;
        for (int i = 0; i < 1000; i++) {
            Scene s = sampler.sample("c" + i, rnd);
            List<Source> seen = s.visible();
            assertTrue(seen.size() >= 1 && seen.size() <= 4);
            for (Source src : seen) {
                Box b = src.box();
                assertTrue(b.x() >= 0 && b.y() >= 0 && b.x() + b.w() <= 448 && b.y() + b.h() <= 252, b.toString());
                assertEquals(Position.ofCentre(b.x(), 448), Position.ofCentre(b.x() + b.w(), 448),
                        "box crosses a band edge: " + b);
            }
            for (int k = 1; k < seen.size(); k++) {
                assertTrue(seen.get(k - 1).box().centreX() < seen.get(k).box().centreX(), "not left to right");
            }
            long bands = seen.stream().map(s::positionOf).distinct().count();
            if (seen.size() <= 3) {
                assertEquals(seen.size(), bands);
            } else {
                four++;
                assertEquals(3, bands);
            }
            assertTrue(s.sources().stream().filter(x -> !x.visible()).count() <= 1);
        }
        assertTrue(four > 100, "four-instrument scenes: " + four);
    }

    @Test
    void sameRandomStreamGivesTheSameScene() {
        SceneSampler sampler = new SceneSampler(10, 448, 252);
        assertEquals(sampler.sample("a", new SplittableRandom(3)), sampler.sample("a", new SplittableRandom(3)));
    }
}
