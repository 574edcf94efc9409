package io.avqa.features.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;

import io.avqa.features.extract.FeatureExtractor;

/**
 * Several {@link FeaturesService} loops in one process, each with its own extractor, consumer and producer, all
 * in the service's consumer group: the group splits the segment partitions between them as between instances,
 * so each stream still goes through one loop, in order.
 *
 * <p>Why: on 2 cores, two loops of one PyTorch thread each extract more than one loop of two threads
 * ({@code bench/results/features.md}), since one loop's serial parts (JPEG decoding, Kafka, building Embeddings)
 * and its layers that two threads barely speed up overlap with the other loop's work. The cost: a batch takes
 * about twice as long on one thread, which a lightly loaded stream sees as latency.
 */
public final class FeaturesWorkers implements Runnable, AutoCloseable {
    private final List<FeaturesService> services = new ArrayList<>();

    /** @param extractors one per worker, each used only by its worker's thread from {@link #run()} on */
    public FeaturesWorkers(FeaturesConfig config, List<FeatureExtractor> extractors, MeterRegistry registry) {
        if (extractors.isEmpty()) {
            throw new IllegalArgumentException("at least one extractor (one per worker) is needed");
        }
        for (int i = 0; i < extractors.size(); i++) {
            services.add(new FeaturesService(config, extractors.get(i), registry, i));
        }
    }

    public int size() {
        return services.size();
    }

    /**
     * Runs every worker, the first on the calling thread, until {@link #close()}; if one worker fails, the others
     * are stopped and its error is thrown here.
     */
    @Override
    public void run() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < services.size(); i++) {
            FeaturesService service = services.get(i);
            Thread t = new Thread(() -> runOrStopAll(service, failure), "avqa-features-worker-" + (threads.size() + 1));
            threads.add(t);
            t.start();
        }
        runOrStopAll(services.get(0), failure);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void runOrStopAll(FeaturesService service, AtomicReference<RuntimeException> failure) {
        try {
            service.run();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            close();
        }
    }

    /** The segment partitions the workers own now, together. */
    public Set<TopicPartition> assignedPartitions() {
        Set<TopicPartition> all = new HashSet<>();
        services.forEach(s -> all.addAll(s.assignedPartitions()));
        return all;
    }

    @Override
    public void close() {
        services.forEach(FeaturesService::close);
    }
}
