package io.avqa.features.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The service's meters: segment outcomes, batch sizes, inference time, ingest-to-features latency. */
final class FeaturesMetrics {
    final Counter embedded;
    final Counter rejected;
    final Counter corrupt;
    final Counter skipped;
    final DistributionSummary batchSize;
    final Timer inference;
    final Timer latency;

    FeaturesMetrics(MeterRegistry registry) {
        embedded = outcome(registry, "embedded");
        rejected = outcome(registry, "rejected");
        corrupt = outcome(registry, "corrupt");
        skipped = outcome(registry, "skipped");
        batchSize = DistributionSummary.builder("avqa.features.batch.size").register(registry);
        inference = Timer.builder("avqa.features.inference").register(registry);
        latency = Timer.builder("avqa.features.latency").description("ingestMs to featuresMs")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("avqa.features.segments").tag("outcome", outcome).register(registry);
    }
}
