package io.avqa.gateway.kafka;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.schemas.DeadLetter;
import io.avqa.schemas.Question;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Writes questions (keyed by streamId) and dead letters to Kafka. {@code KafkaProducer.send} can block
 * (metadata, a full buffer), so sends run on one dedicated thread, in order; the returned future
 * completes on the caller's Vert.x context once the broker acknowledged the record.
 */
public final class QuestionPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuestionPublisher.class);

    private final Topics topics;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ExecutorService sender;

    /** @param kafkaClient extra client settings (security) merged over the defaults */
    public QuestionPublisher(String bootstrapServers, Topics topics, String instanceId,
            java.util.Map<String, Object> kafkaClient) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(KafkaSettings.producer(bootstrapServers, "gateway-" + instanceId,
                kafkaClient));
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "avqa-gateway-producer-" + instanceId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Sends the question; the future completes on {@code context} when Kafka acknowledged it. */
    public Future<Void> publish(Question question, Context context) {
        Promise<Void> promise = Promise.promise();
        try {
            sender.execute(() -> {
                try {
                    // Encoded here, on the sender thread: the event loop only builds the Question.
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topics.questions().name(),
                            question.getStreamId().getBytes(StandardCharsets.UTF_8), Contracts.QUESTION.encode(question));
                    producer.send(record, (metadata, error) -> context.runOnContext(v -> {
                        if (error == null) {
                            promise.complete();
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

    /** Sends an undecodable record to the dead-letter topic; called from consumer threads, never blocks them long. */
    public void deadLetter(DeadLetter letter) {
        byte[] key = letter.getKey() == null ? null : bytes(letter.getKey());
        producer.send(new ProducerRecord<>(topics.dlq().name(), key, Contracts.DEAD_LETTER.encode(letter)),
                (metadata, error) -> {
                    if (error != null) {
                        LOG.error("cannot write a dead letter from {} to {}: {}", letter.getTopic(), topics.dlq().name(),
                                error.toString());
                    }
                });
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        java.nio.ByteBuffer dup = buffer.duplicate();
        byte[] out = new byte[dup.remaining()];
        dup.get(out);
        return out;
    }

    /** Blocking: flushes and closes. Call from a worker thread. */
    @Override
    public void close() {
        sender.shutdown();
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
