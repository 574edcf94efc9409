package io.avqa.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.schemas.Segment;
import io.avqa.schemas.StreamStatus;
import io.avqa.schemas.topic.Topic;
import io.avqa.schemas.topic.Topics;

/**
 * Publishes the streams of one stream-spec partition for the ingest instance that owns it, fenced: a
 * transactional producer whose id is the partition's, so when another instance takes the partition over its
 * {@code initTransactions} bumps the epoch and this one can publish nothing more (a paused or partitioned-off
 * instance that still believes it owns the streams). Each record is its own transaction; consumers read with
 * {@code isolation.level=read_committed} and never see the aborted tail of a fenced instance.
 *
 * <p>Thread-safe: the streams of the partition publish from their own threads, one transaction at a time
 * (a commit is one round trip; a stream sends one segment a second).
 */
public final class FencedPublisher implements SegmentSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FencedPublisher.class);
    /**
     * An instance killed inside a transaction holds back read_committed consumers of that partition until
     * the coordinator aborts it; a segment's transaction takes milliseconds, so a short timeout bounds the stall.
     */
    private static final int TRANSACTION_TIMEOUT_MS = 10_000;

    private final Topics topics;
    private final String transactionalId;
    private final byte[] instanceId;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean fenced;

    /**
     * Fences any earlier holder of {@code transactionalId} before returning.
     *
     * @throws KafkaException when the broker cannot be reached within the producer's max.block.ms
     */
    public FencedPublisher(String bootstrapServers, Topics topics, Map<String, Object> clientOverrides,
            String transactionalId, String instanceId) {
        this.topics = topics;
        this.transactionalId = transactionalId;
        this.instanceId = instanceId.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> props = SegmentPublisher.properties(bootstrapServers, clientOverrides);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            producer.close();
            throw e;
        }
    }

    /** The transactional id of stream-spec partition {@code partition} in group {@code groupId}. */
    public static String transactionalId(String groupId, int partition) {
        return groupId + "-specs-" + partition;
    }

    @Override
    public void publish(Segment segment) {
        ProducerRecord<String, byte[]> record = record(topics.segments(), segment.getStreamId(), segment);
        record.headers().add(IngestInstance.HEADER, instanceId);
        if (!commit(record)) {
            failures.incrementAndGet();
        }
    }

    @Override
    public void publish(StreamStatus status) {
        commit(record(topics.streams(), status.getStreamId(), status));
    }

    /** Whether another instance has taken this publisher's partition over: nothing it sends is published. */
    public boolean fenced() {
        return fenced;
    }

    /** Segments not published: refused by the broker or sent after the fence. */
    public long failures() {
        return failures.get();
    }

    private static <V> ProducerRecord<String, byte[]> record(Topic<String, V> topic, String key, V value) {
        return new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    private synchronized boolean commit(ProducerRecord<String, byte[]> record) {
        if (fenced) {
            return false;
        }
        try {
            producer.beginTransaction();
            producer.send(record);
            producer.commitTransaction();
            return true;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            fenced = true;
            log.warn("{}: another ingest instance took these streams over; this one publishes nothing more ({})",
                    transactionalId, e.getMessage());
            return false;
        } catch (KafkaException e) {
            log.error("{}: {} {} not published: {}", transactionalId, record.topic(), record.key(), e.getMessage());
            try {
                producer.abortTransaction();
            } catch (ProducerFencedException | InvalidProducerEpochException fence) {
                fenced = true;
            } catch (KafkaException abortFailed) {
                log.debug("{}: abort failed too: {}", transactionalId, abortFailed.getMessage());
            }
            return false;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
