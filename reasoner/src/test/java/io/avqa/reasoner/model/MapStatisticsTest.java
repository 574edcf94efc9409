package io.avqa.reasoner.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

/**
 * The statistics the service computes once per segment are the network's own step-2 pooling and step-5
 * normalisation, and encoding with them gives the outputs of encoding without them.
 */
class MapStatisticsTest {

    @Test
    void equalTheNetworksPoolingAndPositionNorms() {
        int t = 3;
        float[] maps = reluMaps(t, 7);
        float[][] stats = MapStatistics.ofSteps(maps, t);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray positions = m.create(maps, new Shape(t, SaSRConfig.VISUAL_CHANNELS, SaSRConfig.POSITIONS));
            float[] pooled = positions.mean(new int[] {2}).toFloatArray();
            float[] inverseNorms = positions.norm(new int[] {1}).add(1e-6f).pow(-1f).toFloatArray();
            assertArrayEquals(pooled, stats[0], 1e-6f);
            for (int i = 0; i < inverseNorms.length; i++) {
                assertArrayEquals(new float[] {inverseNorms[i]}, new float[] {stats[1][i]}, 1e-6f * inverseNorms[i]);
            }
        }
    }

    @Test
    void encodingWithThemGivesTheSameWindowState() {
        for (Preset preset : Preset.values()) {
            try (NDManager m = NDManager.newBaseManager()) {
                SaSRModel model = SavedModelTest.untrained(m, preset, "seeded-v1");
                int b = 2;
                float[] audio = new float[b * NetFixture.T * 128];
                SplittableRandom r = new SplittableRandom(3);
                for (int i = 0; i < audio.length; i++) {
                    audio[i] = (float) r.nextGaussian();
                }
                float[] visual = reluMaps(b * NetFixture.T, 11);
                float[][] stats = MapStatistics.ofSteps(visual, b * NetFixture.T);
                WindowState computed = model.encode(m.create(audio, SaSRNet.audioShape(b, NetFixture.T)),
                        m.create(visual, SaSRNet.visualShape(b, NetFixture.T)));
                WindowState given = model.encode(m, b, audio, visual, stats[0], stats[1]);
                for (int i = 0; i < computed.toList().size(); i++) {
                    assertArrayEquals(computed.toList().get(i).toFloatArray(), given.toList().get(i).toFloatArray(),
                            1e-5f, preset + " state " + i);
                }
            }
        }
    }

    /** Non-negative maps like ResNet's (post-ReLU), with some all-zero positions. */
    private static float[] reluMaps(int steps, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] maps = new float[steps * SaSRConfig.VISUAL_CHANNELS * SaSRConfig.POSITIONS];
        for (int i = 0; i < maps.length; i++) {
            maps[i] = (float) Math.max(0, r.nextGaussian());
        }
        for (int c = 0; c < SaSRConfig.VISUAL_CHANNELS; c++) {
            maps[c * SaSRConfig.POSITIONS + 5] = 0f; // position 5 of step 0: a zero vector, norm 0
        }
        return maps;
    }
}
