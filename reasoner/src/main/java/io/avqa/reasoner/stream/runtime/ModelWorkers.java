package io.avqa.reasoner.stream.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.avqa.reasoner.model.ModelCard;
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
    private final ModelSource source;
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

    /** The calling stream thread's worker, loading the model on first use. */
    public ModelWorker current() {
        Thread me = Thread.currentThread();
        ModelWorker worker = workers.get(me);
        if (worker == null) {
            releaseDeadThreads();
            worker = new ModelWorker(source.open(), cachedWindows, timers, parallelBranches);
            workers.put(me, worker);
        }
        return worker;
    }

    /**
     * The eager encoder pool, started on first use with {@code threads} threads encoding up to {@code batch}
     * windows per forward pass (later calls get the same pool).
     */
    public synchronized EagerEncoderPool eagerPool(int threads, int batch) {
        if (pool == null) {
            pool = new EagerEncoderPool(source, threads, batch, cachedWindows, timers);
            Gauge.builder("avqa.reasoner.eager.queued", pool, EagerEncoderPool::queued)
                    .description("eager windows waiting for an encoder thread (at most one per stream)")
                    .register(registry);
            FunctionCounter.builder("avqa.reasoner.eager.skipped", pool, EagerEncoderPool::skipped)
                    .description("eager windows replaced by a newer window of their stream while waiting: no insight "
                            + "for them; growing means the encoder threads do not keep up")
                    .register(registry);
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
