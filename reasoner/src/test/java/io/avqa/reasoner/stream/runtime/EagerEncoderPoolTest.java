package io.avqa.reasoner.stream.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.reasoner.engine.ThreadNiceness;
import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.stream.TestModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The eager encoder pool: windows are encoded off the caller's thread at background priority, and a backlog holds
 * one window per stream.
 */
class EagerEncoderPoolTest {
    @TempDir
    static Path modelDir;
    static ModelSource source;

    @BeforeAll
    static void model() {
        source = ModelSource.of(TestModels.save(modelDir, Preset.SASR_SMALL, ModelWorkerTest.T, 1));
    }

    /**
     * Collects what the pool delivers and notes when the first came; the first delivery waits until
     * {@code release} opens.
     */
    static final class Inbox implements EagerEncoderPool.Sink {
        final List<EncodedWindow> windows = new ArrayList<>();
        final CountDownLatch first = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch all;
        volatile int deliveredAtNice = -1;
        volatile long firstNanos;

        Inbox(int expected) {
            all = new CountDownLatch(expected);
        }

        @Override
        public boolean deliver(EncodedWindow window, long timestamp) {
            deliveredAtNice = ThreadNiceness.currentThreadNice(); // runs on the pool thread
            if (firstNanos == 0) {
                firstNanos = System.nanoTime();
            }
            first.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (windows) {
                windows.add(window);
            }
            all.countDown();
            return true;
        }

        @Override
        public boolean failed(String streamId, RuntimeException cause) {
            throw new AssertionError("encoding failed for " + streamId, cause);
        }
    }

    @Test
    void aStreamsNewerWindowReplacesItsWaitingOneWhileThePoolIsBusy() throws InterruptedException {
        InferenceTimers timers = new InferenceTimers(new SimpleMeterRegistry());
        EagerEncoderPool pool = new EagerEncoderPool(source, 1, 8, 0, 5, 16, timers);
        try {
            Inbox inbox = new Inbox(3);
            pool.submit("cam1", ModelWorkerTest.window(0, 1), 10, inbox);
            assertTrue(inbox.first.await(60, TimeUnit.SECONDS), "the first window is encoded and delivered");
            assertEquals(Math.max(5, ThreadNiceness.currentThreadNice()), inbox.deliveredAtNice,
                    "the pool thread runs at background priority");
            // the pool thread now waits inside the first delivery: everything below waits for it
            pool.submit("cam1", ModelWorkerTest.window(1, 2), 11, inbox);
            pool.submit("cam2", ModelWorkerTest.window(0, 3), 12, inbox);
            pool.submit("cam1", ModelWorkerTest.window(2, 4), 13, inbox);
            pool.submit("cam1", ModelWorkerTest.window(3, 5), 14, inbox);
            assertEquals(2, pool.queued(), "one waiting window per stream");
            assertEquals(2, pool.skipped(), "cam1's windows 1 and 2 were replaced");
            assertEquals(2, pool.pending("cam1"), "cam1: the one being delivered and the one waiting");
            assertEquals(1, pool.pending("cam2"));
            inbox.release.countDown();
            assertTrue(inbox.all.await(60, TimeUnit.SECONDS));
            List<String> order = new ArrayList<>();
            for (EncodedWindow w : inbox.windows) {
                order.add(w.streamId() + "@" + w.toSeq());
            }
            int last = ModelWorkerTest.T - 1;
            assertEquals(List.of("cam1@" + last, "cam1@" + (3 + last), "cam2@" + last), order,
                    "cam1 kept its place in line with its newest window");
            inbox.windows.forEach(EncodedWindow::close);
        } finally {
            pool.close();
        }
    }

    @Test
    void aLoneWindowWaitsTheLingerForCompanyAndAFullBatchGoesAtOnceInOnePass() throws InterruptedException {
        InferenceTimers timers = new InferenceTimers(new SimpleMeterRegistry());
        EagerEncoderPool lingering = new EagerEncoderPool(source, 1, 3, 400, 0, 16, timers);
        try {
            Inbox alone = new Inbox(1);
            alone.release.countDown();
            long submitted = System.nanoTime();
            lingering.submit("cam1", ModelWorkerTest.window(0, 1), 10, alone);
            assertTrue(alone.all.await(60, TimeUnit.SECONDS));
            assertTrue(alone.firstNanos - submitted >= TimeUnit.MILLISECONDS.toNanos(400),
                    "encoded after " + (alone.firstNanos - submitted) / 1_000_000 + " ms, before the 400 ms linger");
            alone.windows.forEach(EncodedWindow::close);
        } finally {
            lingering.close();
        }
        // a linger far longer than the test: only a full batch (3 windows) can start the pass
        EagerEncoderPool pool = new EagerEncoderPool(source, 1, 3, 600_000, 0, 16, timers);
        try {
            Inbox three = new Inbox(3);
            three.release.countDown();
            pool.submit("cam1", ModelWorkerTest.window(0, 1), 10, three);
            pool.submit("cam2", ModelWorkerTest.window(0, 2), 10, three);
            pool.submit("cam3", ModelWorkerTest.window(0, 3), 10, three);
            assertTrue(three.all.await(60, TimeUnit.SECONDS), "a full batch does not wait out the linger");
            assertEquals(1, pool.passes());
            assertEquals(3, pool.encoded());
            three.windows.forEach(EncodedWindow::close);
        } finally {
            pool.close();
        }
    }
}
