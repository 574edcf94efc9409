package io.avqa.gateway.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.avqa.schemas.StreamSpec;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * Writes stream specs and their tombstones to the compacted {@code <prefix>stream-specs} topic, keyed by streamId.
 * A spec is an operator's decision, not live traffic: acks from every in-sync replica and an idempotent producer
 * (a retry never writes it twice), and the future completes only once the broker acknowledged the record, on the
 * caller's context, with where it landed (so the caller's view can tell it from older records of the key). Sends
 * run on {@link AckedSender}'s thread.
 */
public final class StreamSpecPublisher implements AutoCloseable {
    /** Where an acknowledged record landed. */
    public record Written(int partition, long offset) {
    }

    private final String topic;
    private final AckedSender sender;

    /** @param kafkaClient extra client settings (security) merged over the defaults */
    public StreamSpecPublisher(String bootstrapServers, Topics topics, String instanceId, Map<String, Object> kafkaClient) {
        this.topic = topics.streamSpecs().name();
        Map<String, Object> props = KafkaSettings.producer(bootstrapServers, "gateway-specs-" + instanceId, kafkaClient);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.sender = new AckedSender(props, "avqa-gateway-specs-" + instanceId);
    }

    /** Writes the spec; completes on {@code context} when the broker acknowledged it. */
    public Future<Written> write(StreamSpec spec, Context context) {
        return send(spec.getStreamId(), spec, context);
    }

    /** Writes the tombstone that removes the stream; completes on {@code context} when acknowledged. */
    public Future<Written> remove(String streamId, Context context) {
        return send(streamId, null, context);
    }

    private Future<Written> send(String streamId, StreamSpec spec, Context context) {
        return sender.send(() -> new ProducerRecord<>(topic, streamId.getBytes(StandardCharsets.UTF_8),
                spec == null ? null : Contracts.STREAM_SPEC.encode(spec)), context)
                .map(metadata -> new Written(metadata.partition(), metadata.offset()));
    }

    /** Blocking: flushes and closes. Call from a worker thread. */
    @Override
    public void close() {
        sender.close();
    }
}
