package io.avqa.reasoner.stream.kafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.avqa.reasoner.stream.ReasonerConfig;
import io.avqa.reasoner.stream.ReasonerConfig.EagerPolicy;
import io.avqa.reasoner.stream.ReasonerService;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Question;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.topic.Topics;

/** Producing to the shared test broker and starting reasoner instances against it. */
final class KafkaFixture implements AutoCloseable {
    private final Topics topics;
    private final KafkaProducer<byte[], byte[]> producer;

    KafkaFixture(Topics topics) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    static Topics uniqueTopics() {
        return Topics.withPrefix("it-" + UUID.randomUUID() + ".");
    }

    static ReasonerService start(String prefix, String applicationId, Path modelDir, Path stateDir,
            EagerPolicy eager, boolean exactlyOnce) throws InterruptedException {
        ReasonerConfig config = ReasonerConfig.defaults(SharedBroker.bootstrapServers(), stateDir)
                .withModelDir(modelDir).withTopicPrefix(prefix).withApplicationId(applicationId)
                .withEager(eager).withExactlyOnce(exactlyOnce);
        ReasonerService service = ReasonerService.create(config);
        service.start();
        if (!service.awaitRunning(Duration.ofSeconds(60))) {
            service.close();
            throw new AssertionError("reasoner did not reach RUNNING within 60 s: " + service.state());
        }
        return service;
    }

    void send(Embedding e) {
        raw(topics.embeddings().name(), e.getStreamId(), Contracts.EMBEDDING.encode(e));
    }

    void send(Question q) {
        raw(topics.questions().name(), q.getStreamId(), Contracts.QUESTION.encode(q));
    }

    void raw(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
        } catch (Exception e) {
            throw new AssertionError("cannot produce to " + topic + ": " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
