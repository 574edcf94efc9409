package io.avqa.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.avqa.schemas.topic.Topic;

/**
 * Reads a topic of the shared test broker from the beginning, for assertions in integration tests.
 * Keeps its position between calls, so a test can read, act, and read what came next.
 */
public final class TopicReader<K, V> implements AutoCloseable {
    private final KafkaConsumer<K, V> consumer;
    private final List<ConsumerRecord<K, V>> seen = new ArrayList<>();

    public TopicReader(Topic<K, V> topic) {
        this(topic, false);
    }

    /** With {@code committedOnly}, transactional records appear once committed and aborted ones never. */
    public TopicReader(Topic<K, V> topic, boolean committedOnly) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaExtension.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        fromBeginning(consumer, topic);
    }

    /** Assigns {@code consumer} every partition of {@code topic}, each at its beginning (no group membership). */
    public static void fromBeginning(Consumer<?, ?> consumer, Topic<?, ?> topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < topic.partitions(); p++) {
            partitions.add(new TopicPartition(topic.name(), p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Polls until {@code done} holds for all records read so far, or the timeout passes.
     *
     * @return every record read so far (also when the timeout passed: the caller's assertion says why)
     */
    public List<ConsumerRecord<K, V>> readUntil(Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(seen) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    /** Values of all records read so far. */
    public List<V> values() {
        return seen.stream().map(ConsumerRecord::value).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
