package io.avqa.app.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

import io.avqa.broker.TopicReader;
import io.avqa.schemas.Segment;
import io.avqa.schemas.topic.Topic;

/**
 * The segments topic read all run long as features reads it ({@code read_committed}), on its own thread, keeping
 * only what {@link SegmentTimelines} needs (stream, seq, publisher, time) so a long run holds no media in memory.
 */
final class SegmentWatch implements AutoCloseable {
    private static final java.nio.ByteBuffer EMPTY = java.nio.ByteBuffer.allocate(0);

    private final KafkaConsumer<String, Segment> consumer;
    private final List<ConsumerRecord<String, Segment>> kept = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    SegmentWatch(String bootstrap, Topic<String, Segment> topic) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "scale-segment-watch-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        TopicReader.fromBeginning(consumer, topic);
        thread = new Thread(this::poll, "segment-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, Segment> r : consumer.poll(Duration.ofMillis(200))) {
                    // the same record with its media dropped: seq, key, headers and time are all the checks read
                    Segment light = Segment.newBuilder(r.value()).setFrame(EMPTY).setAudio(EMPTY).build();
                    synchronized (kept) {
                        kept.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(),
                                r.timestampType(), r.serializedKeySize(), r.serializedValueSize(), r.key(), light,
                                r.headers(), r.leaderEpoch()));
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() wakes the poll
        } finally {
            consumer.close();
        }
    }

    /** The timelines of everything read so far. */
    SegmentTimelines timelines() {
        synchronized (kept) {
            return new SegmentTimelines(List.copyOf(kept));
        }
    }

    /** Waits until {@code done} holds for what has been read, or the timeout passes; returns the timelines. */
    SegmentTimelines until(java.util.function.Predicate<SegmentTimelines> done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SegmentTimelines t = timelines();
        while (!done.test(t) && System.nanoTime() < deadline) {
            Waits.untilTime(System.currentTimeMillis() + 250);
            t = timelines();
        }
        return t;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
