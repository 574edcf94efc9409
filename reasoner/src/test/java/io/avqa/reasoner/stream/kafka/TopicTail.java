package io.avqa.reasoner.stream.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.avqa.schemas.topic.Topic;

/** Reads a topic from the beginning for assertions, keeping its position and what it read between calls. */
final class TopicTail<K, V> implements AutoCloseable {
    private final KafkaConsumer<K, V> consumer;
    private final List<ConsumerRecord<K, V>> seen = new ArrayList<>();

    TopicTail(String bootstrapServers, Topic<K, V> topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-tail-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < topic.partitions(); p++) {
            partitions.add(new TopicPartition(topic.name(), p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls until {@code done} holds for everything read so far or the timeout passes; returns all read. */
    List<ConsumerRecord<K, V>> readUntil(Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(seen) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(50)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
