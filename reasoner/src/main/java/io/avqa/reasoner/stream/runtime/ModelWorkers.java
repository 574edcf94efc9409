package io.avqa.reasoner.stream.runtime;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

import io.avqa.reasoner.model.ModelCard;
import io.avqa.reasoner.model.SaSRConfig;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.model.WindowState;
import io.avqa.reasoner.text.Classification;
import io.avqa.reasoner.text.QuestionTemplate;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * One {@link ModelWorker} per stream thread, created on the thread's first task and closed with the service.
 * Processors of every task on a thread share it, so a thread holds one copy of the weights however many
 * partitions it owns; a stream's cached window survives as long as its task stays on the thread.
 */
public final class ModelWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelWorkers.class);

    private final ModelSource source;
    /** Models loaded and warmed by {@link #prepare}, taken by stream threads before they load their own. */
    private final BlockingQueue<SaSRModel> prepared = new LinkedBlockingQueue<>();
    private final int cachedWindows;
    private final InferenceTimers timers;
    private final MeterRegistry registry;
    private final Map<Thread, ModelWorker> workers = new ConcurrentHashMap<>();
    private EagerEncoderPool pool;
    private final boolean parallelBranches;

    public ModelWorkers(ModelSource source, int cachedWindows) {
        this(source, cachedWindows, new SimpleMeterRegistry());
    }

    /** @param registry where the model's inference timers go ({@link InferenceTimers}) */
    public ModelWorkers(ModelSource source, int cachedWindows, MeterRegistry registry) {
        this(source, cachedWindows, registry, false);
    }

    /**
     * @param parallelBranches whether stream-thread workers run the model's visual branch on a helper thread when
     *                         they encode a window themselves (see {@link ModelWorker}); the eager pool's workers
     *                         never do
     */
    public ModelWorkers(ModelSource source, int cachedWindows, MeterRegistry registry, boolean parallelBranches) {
        this.source = source;
        this.cachedWindows = cachedWindows;
        this.timers = new InferenceTimers(registry);
        this.registry = registry;
        this.parallelBranches = parallelBranches;
    }

    public ModelCard card() {
        return source.card();
    }

    /** Where the service's meters go (the inference timers, and the processors' own). */
    public MeterRegistry registry() {
        return registry;
    }

    /** The calling stream thread's worker, made on first use from a {@link #prepare prepared} copy, else a load. */
    public ModelWorker current() {
        Thread me = Thread.currentThread();
        ModelWorker worker = workers.get(me);
        if (worker == null) {
            releaseDeadThreads();
            SaSRModel model = prepared.poll();
            worker = new ModelWorker(model != null ? model : source.open(), cachedWindows, timers, parallelBranches);
            workers.put(me, worker);
        }
        return worker;
    }

    /**
     * Loads {@code count} copies of the model and runs one window and one question through each, before the stream
     * threads start. Otherwise a stream thread loads its copy on first use (its first punctuation), stalling its
     * partitions for the load, and its first window and question pay PyTorch's first-call kernel setup. Runs on a
     * helper thread (PyTorch's grad mode is per thread, off there as on the stream threads).
     */
    public void prepare(int count) {
        long started = System.nanoTime();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread loader = new Thread(() -> {
            JniUtils.setGradMode(false);
            try {
                for (int i = 0; i < count; i++) {
                    SaSRModel model = source.open();
                    warmUp(model);
                    prepared.add(model);
                }
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "avqa-model-loader");
        loader.start();
        try {
            loader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the model", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("could not load the model in " + source.dir() + ": "
                    + failure.get().getMessage(), failure.get());
        }
        LOG.info("loaded and warmed {} model cop{} in {} ms", count, count == 1 ? "y" : "ies",
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Models prepared and not yet taken by a stream thread. */
    public int prepared() {
        return prepared.size();
    }

    /** One window of small random features through steps 1-5, and a slot-free template question through 7-9. */
    private static void warmUp(SaSRModel model) {
        int steps = model.card().steps();
        SplittableRandom random = new SplittableRandom(7);
        float[] audio = new float[steps * SaSRConfig.AUDIO_DIM];
        float[] visual = new float[steps * SaSRConfig.VISUAL_CHANNELS * SaSRConfig.POSITIONS];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) random.nextDouble();
        }
        for (int i = 0; i < visual.length; i++) {
            visual[i] = (float) random.nextDouble();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            WindowState state = model.encode(m, audio, visual);
            for (QuestionTemplate t : model.templates().templates()) {
                if (t.slots().isEmpty() && model.classify(t.text()) instanceof Classification.Supported q) {
                    model.answer(state, 0, q);
                    break;
                }
            }
        }
    }

    /**
     * The eager encoder pool, started on first use with {@code threads} threads at Linux nice value {@code nice}
     * encoding up to {@code batch} windows per forward pass, waiting up to {@code lingerMs} for a fuller one
     * (later calls get the same pool).
     */
    public synchronized EagerEncoderPool eagerPool(int threads, int batch, long lingerMs, int nice) {
        if (pool == null) {
            pool = new EagerEncoderPool(source, threads, batch, lingerMs, nice, cachedWindows, timers);
            Gauge.builder("avqa.reasoner.eager.queued", pool, EagerEncoderPool::queued)
                    .description("eager windows waiting for an encoder thread (at most one per stream)")
                    .register(registry);
            FunctionCounter.builder("avqa.reasoner.eager.skipped", pool, EagerEncoderPool::skipped)
                    .description("eager windows replaced by a newer window of their stream while waiting: no insight "
                            + "for them; growing means the encoder threads do not keep up")
                    .register(registry);
            FunctionCounter.builder("avqa.reasoner.eager.passes", pool, EagerEncoderPool::passes)
                    .description("forward passes of the eager encoder threads; eager.encoded / eager.passes is the "
                            + "mean batch")
                    .register(registry);
            FunctionCounter.builder("avqa.reasoner.eager.encoded", pool, EagerEncoderPool::encoded)
                    .description("windows the eager encoder threads encoded").register(registry);
        }
        return pool;
    }

    /** The eager encoder pool if one was started, else null. */
    public synchronized EagerEncoderPool eagerPoolIfStarted() {
        return pool;
    }

    /** Threads replaced after a failure leave their worker behind; free those. */
    private void releaseDeadThreads() {
        workers.entrySet().removeIf(e -> {
            if (!e.getKey().isAlive()) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    /** Workers alive now (one per stream thread that has run a task). */
    public int size() {
        return workers.size();
    }

    @Override
    public void close() {
        SaSRModel unused;
        while ((unused = prepared.poll()) != null) {
            unused.close();
        }
        synchronized (this) {
            if (pool != null) {
                pool.close();
                pool = null;
            }
        }
        workers.values().forEach(ModelWorker::close);
        workers.clear();
    }
}
