package io.avqa.reasoner.stream.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.stream.TestEmbeddings;
import io.avqa.reasoner.stream.TestModels;
import io.avqa.reasoner.stream.window.WindowFeatures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The thread-level queue of changed windows: one batch for the windows of every task of a stream thread. */
class ModelWorkerTest {
    static final int T = 4;

    @TempDir
    static Path modelDir;
    static ModelSource source;

    @BeforeAll
    static void model() {
        source = ModelSource.of(TestModels.save(modelDir, Preset.SASR_SMALL, T, 1));
    }

    static WindowFeatures window(long first, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] seqs = new long[T];
        float[] audio = new float[T * 128];
        float[] visual = new float[T * 512 * 196];
        for (int t = 0; t < T; t++) {
            seqs[t] = first + t;
        }
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < visual.length; i++) {
            visual[i] = (float) Math.abs(r.nextGaussian());
        }
        return new WindowFeatures(seqs, audio, visual, TestEmbeddings.embedding("any", first + T - 1, 1));
    }

    @Test
    void windowsQueuedByDifferentTasksAreEncodedInOnePassAndThenServedFromTheCache() {
        try (ModelWorkers workers = new ModelWorkers(source, 64)) {
            ModelWorker worker = workers.current();
            WindowFeatures cam1 = window(0, 1);
            WindowFeatures cam2 = window(5, 2);
            WindowFeatures cam1Newer = window(1, 3);
            worker.await("cam1", cam1);
            worker.await("cam2", cam2);
            worker.await("cam1", cam1Newer);
            assertEquals(2, worker.waiting(), "a stream waits once, with its newest window");

            worker.encodeWaiting();
            assertEquals(0, worker.waiting());
            assertEquals(2, worker.encodes());
            EncodedWindow one = worker.cached("cam1", cam1Newer.seqs());
            EncodedWindow two = worker.cached("cam2", cam2.seqs());
            assertNotNull(one);
            assertNotNull(two);

            List<EncodedWindow> again = worker.encodeAll(List.of("cam2", "cam1"), List.of(cam2, cam1Newer));
            assertSame(two, again.get(0), "the task's own flush finds the window another task's flush encoded");
            assertSame(one, again.get(1));
            assertEquals(2, worker.encodes());

            EncodedWindow alone;
            try (ModelWorkers fresh = new ModelWorkers(source, 64)) {
                alone = fresh.current().encode("cam2", cam2);
                assertArrayEquals(alone.audioPresence(), two.audioPresence(), 1e-4f,
                        "encoded in a batch or alone, the same state");
            }
        }
    }
}
