package io.avqa.gateway.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.avqa.schemas.StreamSpec;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Writes stream specs and their tombstones to the compacted {@code <prefix>stream-specs} topic, keyed by streamId.
 * A spec is an operator's decision, not live traffic: acks from every in-sync replica and an idempotent producer
 * (a retry never writes it twice), and the future completes only once the broker acknowledged the record, on the
 * caller's context, with where it landed (so the caller's view can tell it from older records of the key). Sends
 * run on one dedicated thread because {@code KafkaProducer.send} can block on metadata.
 */
public final class StreamSpecPublisher implements AutoCloseable {
    /** Where an acknowledged record landed. */
    public record Written(int partition, long offset) {
    }

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ExecutorService sender;

    /** @param kafkaClient extra client settings (security) merged over the defaults */
    public StreamSpecPublisher(String bootstrapServers, Topics topics, String instanceId, Map<String, Object> kafkaClient) {
        this.topic = topics.streamSpecs().name();
        Map<String, Object> props = KafkaSettings.producer(bootstrapServers, "gateway-specs-" + instanceId, kafkaClient);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(props);
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "avqa-gateway-specs-" + instanceId);
            t.setDaemon(true);
            return t;
        });
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
        Promise<Written> promise = Promise.promise();
        try {
            sender.execute(() -> {
                try {
                    byte[] value = spec == null ? null : Contracts.STREAM_SPEC.encode(spec);
                    producer.send(new ProducerRecord<>(topic, streamId.getBytes(StandardCharsets.UTF_8), value),
                            (metadata, error) -> context.runOnContext(v -> {
                                if (error == null) {
                                    promise.complete(new Written(metadata.partition(), metadata.offset()));
                                } else {
                                    promise.fail(error);
                                }
                            }));
                } catch (RuntimeException e) {
                    context.runOnContext(v -> promise.fail(e));
                }
            });
        } catch (RejectedExecutionException e) {
            promise.fail(new IllegalStateException("the gateway is shutting down"));
        }
        return promise.future();
    }

    /** Blocking: flushes and closes. Call from a worker thread. */
    @Override
    public void close() {
        sender.shutdown();
        producer.close(Duration.ofSeconds(5));
    }
}
