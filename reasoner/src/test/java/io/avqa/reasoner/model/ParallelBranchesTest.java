package io.avqa.reasoner.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The visual branch on a helper thread ({@link SaSRModel#runVisualBranchOn}) computes the window state of the
 * sequential encode, and a failure on the helper reaches the caller instead of leaving it waiting.
 */
class ParallelBranchesTest {
    private final ExecutorService helper = Executors.newSingleThreadExecutor();
    private final AtomicInteger handedOver = new AtomicInteger();

    @AfterEach
    void stopHelper() {
        helper.shutdownNow();
    }

    @Test
    void givesTheSequentialWindowStateBitForBit() {
        for (Preset preset : Preset.values()) {
            try (NDManager m = NDManager.newBaseManager()) {
                SaSRModel model = SavedModelTest.untrained(m, preset, "seeded-v1");
                int b = 2;
                float[] audio = gaussian(b * NetFixture.T * SaSRConfig.AUDIO_DIM, 3);
                float[] visual = gaussian(b * NetFixture.T * SaSRConfig.VISUAL_CHANNELS * SaSRConfig.POSITIONS, 5);
                float[][] stats = MapStatistics.ofSteps(visual, b * NetFixture.T);
                WindowState sequential = model.encode(m, b, audio, visual, stats[0], stats[1]);
                model.runVisualBranchOn(this::countAndRun);
                WindowState parallel = model.encode(m, b, audio, visual, stats[0], stats[1]);
                assertEquals(1, handedOver.getAndSet(0), preset + ": one visual branch per encode");
                for (int i = 0; i < sequential.toList().size(); i++) {
                    assertArrayEquals(sequential.toList().get(i).toFloatArray(),
                            parallel.toList().get(i).toFloatArray(),
                            preset + " state " + i);
                }
            }
        }
    }

    @Test
    void aFailureOnTheHelperReachesTheCaller() {
        try (NDManager m = NDManager.newBaseManager()) {
            SaSRModel model = SavedModelTest.untrained(m, Preset.SASR_SMALL, "seeded-v1");
            model.runVisualBranchOn(this::countAndRun);
            int t = NetFixture.T;
            // pooled maps of the wrong width fail in the visual branch's first layer, on the helper thread
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(RuntimeException.class,
                    () -> model.encode(m.create(gaussian(t * SaSRConfig.AUDIO_DIM, 1), SaSRNet.audioShape(1, t)),
                            m.create(gaussian(t * SaSRConfig.VISUAL_CHANNELS * SaSRConfig.POSITIONS, 2),
                                    SaSRNet.visualShape(1, t)),
                            m.zeros(new Shape(1, t, 100)), m.ones(new Shape(1, t, SaSRConfig.POSITIONS)))));
            assertEquals(1, handedOver.get());
        }
    }

    private void countAndRun(Runnable task) {
        handedOver.incrementAndGet();
        helper.execute(task);
    }

    private static float[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.abs(r.nextGaussian());
        }
        return v;
    }
}
