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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stream thread's model: batched encoding, its window cache, windows encoded elsewhere offered to it. */
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
        WindowFeatures.Segment[] segments = new WindowFeatures.Segment[T];
        for (int t = 0; t < T; t++) {
            seqs[t] = first + t;
            float[] audio = new float[128];
            float[] visual = new float[512 * 196];
            for (int i = 0; i < audio.length; i++) {
                audio[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < visual.length; i++) {
                visual[i] = (float) Math.abs(r.nextGaussian());
            }
            segments[t] = WindowFeatures.Segment.of(TestEmbeddings.embedding("any", seqs[t], 1), audio, visual);
        }
        return new WindowFeatures(seqs, segments);
    }

    @Test
    void aBatchIsEncodedInOnePassWithTheSameStateAsOneByOneAndOfferedWindowsKeepTheNewest() {
        try (ModelWorkers workers = new ModelWorkers(source, 64)) {
            ModelWorker worker = workers.current();
            WindowFeatures cam1 = window(0, 1);
            WindowFeatures cam2 = window(5, 2);
            WindowFeatures cam1Newer = window(1, 3);
            List<EncodedWindow> batch = worker.encodeBatch(List.of("cam1", "cam2"), List.of(cam1Newer, cam2));
            assertEquals(2, worker.encodes());
            assertNull(worker.latest("cam1"), "a batch for someone else does not fill this thread's cache");

            EncodedWindow alone;
            try (ModelWorkers fresh = new ModelWorkers(source, 64)) {
                alone = fresh.current().encode("cam2", cam2);
                assertArrayEquals(alone.audioPresence(), batch.get(1).audioPresence(), 1e-4f,
                        "encoded in a batch or alone, the same state");
            }

            assertTrue(worker.offer(batch.get(0)));
            assertSame(batch.get(0), worker.cached("cam1", cam1Newer.seqs()));
            EncodedWindow older = worker.encodeBatch(List.of("cam1"), List.of(cam1)).get(0);
            assertFalse(worker.offer(older), "an older window than the cached one is refused");
            assertSame(batch.get(0), worker.latest("cam1"));
            assertNull(worker.cached("cam1", cam1.seqs()));

            List<EncodedWindow> again = worker.encodeAll(List.of("cam1", "cam2"), List.of(cam1Newer, cam2));
            assertSame(batch.get(0), again.get(0), "a cached window is not encoded again");
            assertSame(again.get(1), worker.cached("cam2", cam2.seqs()));
            assertEquals(4, worker.encodes());
            batch.get(1).close();
        }
    }

    @Test
    void theReusedInputBufferNeitherChangesEarlierStatesNorLeaksIntoALaterSmallerBatch() {
        try (ModelWorkers workers = new ModelWorkers(source, 64)) {
            ModelWorker worker = workers.current();
            WindowFeatures a = window(0, 11);
            WindowFeatures b = window(0, 12);
            WindowFeatures c = window(0, 13);
            List<EncodedWindow> first = worker.encodeBatch(List.of("a", "b", "c"), List.of(a, b, c));
            float[] stateOfA = first.get(0).state().visual().toFloatArray();

            // one window, written over the start of the buffer the three-window batch used
            EncodedWindow cAgain = worker.encodeBatch(List.of("c"), List.of(c)).get(0);
            assertArrayEquals(first.get(2).audioPresence(), cAgain.audioPresence(), 1e-4f,
                    "the one-window batch read its own window, not what the larger batch left behind");
            assertArrayEquals(first.get(2).spatial()[T - 1], cAgain.spatial()[T - 1], 1e-4f);
            assertArrayEquals(stateOfA, first.get(0).state().visual().toFloatArray(),
                    "a state encoded earlier does not share memory with the reused input");
            first.forEach(EncodedWindow::close);
            cAgain.close();
        }
    }
}
