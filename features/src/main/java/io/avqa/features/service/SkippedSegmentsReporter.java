package io.avqa.features.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.schemas.StreamStatus;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.codec.RecordDecodeException;

/**
 * Puts the live backlog policy's skip count into each stream's {@link StreamStatus} on the compacted
 * {@code streams} topic, whose other fields ingest owns.
 *
 * <p>Both stages write the same key, so the count is merged, not owned: this reporter follows the topic, and
 * whenever the latest status of a stream carries fewer skipped segments than this instance counted (ingest
 * wrote a fresh status, or segments were skipped since), it writes that latest status again with the count.
 * Ingest needs no change and the topic converges on the newest ingest fields plus the count. The price: for
 * the few milliseconds between an ingest write and this reporter reading it, a re-written older status can be
 * the newest record (a consumer may briefly see a stale state; the next record corrects it). A stream moving to
 * another instance continues from the count its status carries.
 */
final class SkippedSegmentsReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SkippedSegmentsReporter.class);

    private final FeaturesConfig config;
    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final Map<String, Long> base = new HashMap<>();
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    SkippedSegmentsReporter(FeaturesConfig config) {
        this.config = config;
        this.thread = new Thread(this::run, "features-skip-reporter");
        this.thread.setDaemon(true);
    }

    SkippedSegmentsReporter start() {
        thread.start();
        return this;
    }

    /** Counts one skipped segment of {@code streamId}; called from the service's poll thread. */
    void skipped(String streamId) {
        counts.merge(streamId, 1L, Long::sum);
        changed.add(streamId);
    }

    private void run() {
        String topic = config.topics().streams().name();
        Map<String, StreamStatus> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer = c;
            if (!running.get()) {
                return;
            }
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            boolean caughtUp = false;
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    StreamStatus s = decode(r);
                    if (s != null) {
                        latest.put(s.getStreamId(), s);
                        changed.add(s.getStreamId());
                    }
                }
                // totals start from what the topic held at start-up, so no write until it is read to the end
                caughtUp = caughtUp || partitions.stream().allMatch(tp -> c.position(tp) >= end.get(tp));
                if (caughtUp) {
                    publish(producer, topic, latest);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                LOG.warn("skip reporter stopped: {}", e.toString());
            }
        } catch (RuntimeException e) {
            LOG.warn("skip reporter stopped; skipped segments are still counted in metrics: {}", e.toString());
        }
    }

    /** Re-writes each changed stream's latest status whose skip count is below this instance's total. */
    private void publish(KafkaProducer<byte[], byte[]> producer, String topic, Map<String, StreamStatus> latest) {
        for (String id : List.copyOf(changed)) {
            StreamStatus status = latest.get(id);
            if (status == null) {
                continue; // ingest has not announced the stream yet; retried when it does
            }
            changed.remove(id);
            Long counted = counts.get(id);
            if (counted == null) {
                continue; // nothing skipped here
            }
            // what earlier owners of the stream counted, as its status said when this instance first skipped
            long total = base.computeIfAbsent(id, k -> status.getSkippedSegments()) + counted;
            if (status.getSkippedSegments() < total) {
                StreamStatus merged = StreamStatus.newBuilder(status).setSkippedSegments(total)
                        .setUpdatedMs(System.currentTimeMillis()).build();
                latest.put(id, merged);
                producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8),
                        Contracts.STREAM_STATUS.encode(merged)));
            }
        }
    }

    private static StreamStatus decode(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return null; // a tombstone
        }
        try {
            return Contracts.STREAM_STATUS.decode(r.value());
        } catch (RecordDecodeException e) {
            LOG.warn("unreadable status {}-{}@{} ignored: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            return null;
        }
    }

    private Map<String, Object> consumerProps() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "avqa-features-status-" + ProcessHandle.current().pid());
        p.putAll(config.kafkaClient());
        p.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned partitions, no group
        return p;
    }

    private Map<String, Object> producerProps() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.putAll(config.kafkaClient());
        return p;
    }

    @Override
    public void close() {
        running.set(false);
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
