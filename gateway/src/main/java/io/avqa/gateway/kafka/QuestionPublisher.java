package io.avqa.gateway.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.schemas.DeadLetter;
import io.avqa.schemas.Question;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * Writes questions (keyed by streamId) and dead letters to Kafka, through an {@link AckedSender}: in order, off
 * the event loop, the returned future completing on the caller's Vert.x context once the broker acknowledged.
 */
public final class QuestionPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuestionPublisher.class);

    private final Topics topics;
    private final AckedSender sender;

    /** @param kafkaClient extra client settings (security) merged over the defaults */
    public QuestionPublisher(String bootstrapServers, Topics topics, String instanceId,
            java.util.Map<String, Object> kafkaClient) {
        this.topics = topics;
        this.sender = new AckedSender(KafkaSettings.producer(bootstrapServers, "gateway-" + instanceId, kafkaClient),
                "avqa-gateway-producer-" + instanceId);
    }

    /** Sends the question; the future completes on {@code context} when Kafka acknowledged it. */
    public Future<Void> publish(Question question, Context context) {
        // Encoded on the sender thread: the event loop only builds the Question.
        return sender.send(() -> new ProducerRecord<>(topics.questions().name(),
                question.getStreamId().getBytes(StandardCharsets.UTF_8), Contracts.QUESTION.encode(question)), context)
                .mapEmpty();
    }

    /** Sends an undecodable record to the dead-letter topic; called from consumer threads, never blocks them long. */
    public void deadLetter(DeadLetter letter) {
        byte[] key = letter.getKey() == null ? null : bytes(letter.getKey());
        sender.producer().send(new ProducerRecord<>(topics.dlq().name(), key, Contracts.DEAD_LETTER.encode(letter)),
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
        sender.close();
    }
}
