package io.avqa.gateway.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * Answers "is Kafka reachable right now?" for {@code GET /ready} without blocking: the admin client's
 * future is bridged to a Vert.x future on the caller's context.
 */
public final class KafkaProbe implements AutoCloseable {
    private final Admin admin;

    public KafkaProbe(String bootstrapServers, String instanceId, java.util.Map<String, Object> kafkaClient) {
        this.admin = Admin.create(KafkaSettings.admin(bootstrapServers, "gateway-probe-" + instanceId,
                kafkaClient));
    }

    /** The number of brokers the cluster reports, or a failure when it cannot be reached within 2 s. */
    public Future<Integer> brokers(Context context) {
        return Future.fromCompletionStage(admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                .nodes().toCompletionStage(), context).map(nodes -> nodes.size());
    }

    /** Blocking: call from a worker thread. */
    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
