package io.avqa.reasoner.stream.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.stream.TestModels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Models loaded and warmed before the stream threads start, then taken one per thread. */
class ModelWorkersTest {
    @TempDir
    Path dir;

    @Test
    void preparedModelsAreTakenOnePerThreadBeforeAnyIsLoadedOnDemand() throws Exception {
        ModelSource source = ModelSource.of(TestModels.save(dir.resolve("model"), Preset.SASR_SMALL, 4, 1));
        try (ModelWorkers workers = new ModelWorkers(source, 8)) {
            workers.prepare(2);
            assertEquals(2, workers.prepared());
            SaSRModel first = workers.current().model();
            assertEquals(1, workers.prepared());
            AtomicReference<SaSRModel> second = new AtomicReference<>();
            AtomicReference<SaSRModel> third = new AtomicReference<>();
            Thread other = new Thread(() -> second.set(workers.current().model()));
            other.start();
            other.join();
            assertEquals(0, workers.prepared());
            assertNotSame(first, second.get());
            // none left: the next thread loads its own
            Thread late = new Thread(() -> third.set(workers.current().model()));
            late.start();
            late.join();
            assertNotSame(second.get(), third.get());
            assertEquals(0, workers.prepared());
            // the warm-up ran the real model: a warmed copy encodes what a fresh one does
            var window = ModelWorkerTest.window(0, 3);
            float[] warmed = workers.current().encode("cam", window).audioPresence();
            try (ModelWorkers fresh = new ModelWorkers(source, 8)) {
                assertArrayEquals(fresh.current().encode("cam", window).audioPresence(), warmed, 1e-6f);
            }
        }
    }

    @Test
    void aDirectoryThatStopsLoadingFailsPrepareWithTheReason() throws Exception {
        Path model = TestModels.save(dir.resolve("gone"), Preset.SASR_SMALL, 4, 1);
        ModelSource source = ModelSource.of(model);
        Files.delete(model.resolve("weights.safetensors"));
        try (ModelWorkers workers = new ModelWorkers(source, 8)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> workers.prepare(1));
            assertEquals(0, workers.prepared());
            assertTrue(e.getMessage().contains(model.toString()), e.getMessage());
        }
    }
}
