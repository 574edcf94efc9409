package io.avqa.features.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.avqa.features.testing.TestMedia;

class LogMelFrontEndTest {
    private static NDManager manager;
    private static LogMelFrontEnd frontEnd;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager("PyTorch");
        frontEnd = new LogMelFrontEnd(manager);
    }

    @AfterAll
    static void tearDown() {
        frontEnd.close();
        manager.close();
    }

    private static float[] logMel(ByteBuffer pcm) {
        try (NDManager m = manager.newSubManager()) {
            NDArray waves = m.create(LogMelFrontEnd.samples(pcm), new Shape(1, 16000));
            NDArray ex = frontEnd.examples(waves);
            assertEquals(new Shape(1, 1, 96, 64), ex.getShape());
            return ex.toFloatArray();
        }
    }

    @Test
    void silenceGivesLogOfTheOffsetEverywhere() {
        float[] v = logMel(ByteBuffer.allocate(32000));
        float[] expected = new float[96 * 64];
        java.util.Arrays.fill(expected, (float) Math.log(0.01));
        assertArrayEquals(expected, v, 1e-6f);
    }

    @Test
    void pureToneLandsInTheMelBandWhoseCentreIsNearest() {
        double[] edges = MelFilterBank.bandEdgesHz(64);
        for (double hz : new double[] {440.0, 1000.0, 3000.0}) {
            float[] v = logMel(TestMedia.tone(hz, 0.5));
            double[] bandMean = new double[64];
            for (int f = 0; f < 96; f++) {
                for (int b = 0; b < 64; b++) {
                    bandMean[b] += v[f * 64 + b] / 96.0;
                }
            }
            int loudest = argmax(bandMean);
            int nearest = 0;
            for (int b = 1; b < 64; b++) {
                double d = Math.abs(MelFilterBank.hzToMel(edges[b + 1]) - MelFilterBank.hzToMel(hz));
                if (d < Math.abs(MelFilterBank.hzToMel(edges[nearest + 1]) - MelFilterBank.hzToMel(hz))) {
                    nearest = b;
                }
            }
            assertTrue(Math.abs(loudest - nearest) <= 1, hz + " Hz: loudest band " + loudest + ", nearest centre " + nearest);
            assertTrue(edges[loudest] < hz && hz < edges[loudest + 2], "the loudest band's triangle contains " + hz + " Hz");
            // far from the tone the spectrum is near silence: energy is concentrated
            assertTrue(bandMean[loudest] > bandMean[(loudest + 32) % 64] + 5, "tone band stands out by e^5");
        }
    }

    @Test
    void aToneIsStationaryAcrossFrames() {
        float[] v = logMel(TestMedia.tone(1000.0, 0.5));
        int band = 0;
        for (int b = 1; b < 64; b++) {
            band = v[b] > v[band] ? b : band;
        }
        for (int f = 1; f < 96; f++) {
            assertEquals(v[band], v[f * 64 + band], 0.05f, "frame " + f);
        }
    }

    @Test
    void melMatrixIsZeroAtDcAndPeaksNearOneInsideTheRange() {
        float[] w = MelFilterBank.matrix(257, 16000, 64);
        for (int b = 0; b < 64; b++) {
            assertEquals(0f, w[b]);
            float max = 0;
            for (int bin = 0; bin < 257; bin++) {
                max = Math.max(max, w[bin * 64 + b]);
            }
            assertTrue(max > 0.4f && max <= 1f, "band " + b + " peak " + max);
        }
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }
}
