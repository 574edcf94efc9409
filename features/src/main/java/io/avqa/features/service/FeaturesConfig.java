package io.avqa.features.service;


import io.avqa.features.weights.Backbone;
import io.avqa.schemas.topic.Topics;

/**
 * Configuration of one features service instance, built once from the command line.
 *
 * @param bootstrapServers   Kafka bootstrap servers
 * @param topics             topic names (prefix {@code avqa.} by default)
 * @param groupId            consumer group shared by all instances that split the work
 * @param batchSize          most segments per inference batch (B), 1..64
 * @param maxWaitMs          longest a polled segment waits for its batch to fill (W)
 * @param mode               live (skip stale live segments) or replay (block, lose nothing)
 * @param liveBacklog        in live mode, a live segment more than this many segments behind its stream's
 *                           newest seen segment is skipped and counted
 * @param weights            {@code seeded-v1} or a directory of checkpoints
 * @param threads            PyTorch intra-op threads (0: one per core)
 * @param gpu                run on the first GPU (needs a CUDA PyTorch native on the class path)
 * @param kafkaClient        extra properties of every Kafka client (TLS, SASL, tuning), applied over the
 *                           service's own; empty for a plain local broker
 */
public record FeaturesConfig(
        String bootstrapServers,
        Topics topics,
        String groupId,
        int batchSize,
        long maxWaitMs,
        Mode mode,
        int liveBacklog,
        String weights,
        int threads,
        boolean gpu,
        java.util.Map<String, Object> kafkaClient) {

    public static final String DEFAULT_GROUP = "avqa-features";

    public FeaturesConfig {
        kafkaClient = java.util.Map.copyOf(kafkaClient);
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("The parameter 'bootstrapServers' must not be blank.");
        }
        if (batchSize < 1 || batchSize > 64) {
            throw new IllegalArgumentException("--batch-size must be 1..64, was " + batchSize);
        }
        if (maxWaitMs < 0) {
            throw new IllegalArgumentException("--max-wait-ms must be >= 0, was " + maxWaitMs);
        }
        if (liveBacklog < 0) {
            throw new IllegalArgumentException("--live-backlog must be >= 0, was " + liveBacklog);
        }
    }

    /** A configuration with no extra Kafka client properties. */
    public FeaturesConfig(String bootstrapServers, Topics topics, String groupId, int batchSize, long maxWaitMs, Mode mode,
            int liveBacklog, String weights, int threads, boolean gpu) {
        this(bootstrapServers, topics, groupId, batchSize, maxWaitMs, mode, liveBacklog, weights, threads, gpu,
                java.util.Map.of());
    }

    /** Defaults for everything but the broker: B=8, W=50 ms, live mode, backlog 2, seeded weights. */
    public static FeaturesConfig defaults(String bootstrapServers, Topics topics) {
        return new FeaturesConfig(bootstrapServers, topics, DEFAULT_GROUP, 8, 50, Mode.LIVE, 2, Backbone.SHIPPED, 0, false);
    }

    public FeaturesConfig withBatch(int batchSize, long maxWaitMs) {
        return new FeaturesConfig(bootstrapServers, topics, groupId, batchSize, maxWaitMs, mode, liveBacklog, weights,
                threads, gpu, kafkaClient);
    }

    public FeaturesConfig withMode(Mode mode, int liveBacklog) {
        return new FeaturesConfig(bootstrapServers, topics, groupId, batchSize, maxWaitMs, mode, liveBacklog, weights,
                threads, gpu, kafkaClient);
    }

    public FeaturesConfig withKafkaClient(java.util.Map<String, Object> properties) {
        return new FeaturesConfig(bootstrapServers, topics, groupId, batchSize, maxWaitMs, mode, liveBacklog, weights,
                threads, gpu, properties);
    }

    public FeaturesConfig withGroup(String groupId) {
        return new FeaturesConfig(bootstrapServers, topics, groupId, batchSize, maxWaitMs, mode, liveBacklog, weights,
                threads, gpu, kafkaClient);
    }
}
