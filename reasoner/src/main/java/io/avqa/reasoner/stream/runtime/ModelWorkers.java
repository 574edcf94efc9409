package io.avqa.reasoner.stream.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.avqa.reasoner.model.ModelCard;
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
    private final Map<Thread, ModelWorker> workers = new ConcurrentHashMap<>();

    public ModelWorkers(ModelSource source, int cachedWindows) {
        this(source, cachedWindows, new SimpleMeterRegistry());
    }

    /** @param registry where the model's inference timers go ({@link InferenceTimers}) */
    public ModelWorkers(ModelSource source, int cachedWindows, MeterRegistry registry) {
        this.source = source;
        this.cachedWindows = cachedWindows;
        this.timers = new InferenceTimers(registry);
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
            worker = new ModelWorker(source.open(), cachedWindows, timers);
            workers.put(me, worker);
        }
        return worker;
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
        workers.values().forEach(ModelWorker::close);
        workers.clear();
    }
}
