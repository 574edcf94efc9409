package io.avqa.ingest.group;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.ingest.kafka.FencedPublisher;
import io.avqa.ingest.segment.SegmenterOptions;
import io.avqa.ingest.service.Backoff;
import io.avqa.ops.kafka.GroupSessions;
import io.avqa.schemas.StreamSpec;
import io.avqa.schemas.topic.Topics;

/**
 * Ingest instances sharing the streams operators manage: a consumer group over the compacted stream-spec topic,
 * whose partitions Kafka divides among the live instances. An instance runs the specs of the partitions it is
 * assigned, each partition's streams published through a {@link FencedPublisher} of that partition, so when an
 * instance dies (its session times out) or is merely cut off, the partition's new owner fences it before
 * publishing: a stream is never published by two instances at once. A stream's seq is the seconds since its
 * spec's origin, so on the new owner it goes on with a jump for the time nobody ran it.
 *
 * <p>On assignment a partition is read from its beginning (the topic is compacted: the latest spec per stream
 * survives) and its streams start once the read has reached the end offset seen at assignment, so a stream
 * removed since is never started. Runs on its own thread; {@link #close()} stops it and every stream, handing
 * them over without a final ENDED status.
 */
public final class IngestGroup implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestGroup.class);
    /** The group of {@code avqa ingest --managed} and of the demo's ingest unless told otherwise. */
    public static final String DEFAULT_GROUP = "avqa-ingest";

    /** What an ingest instance needs besides the broker. */
    public record Settings(String groupId, String instanceId, Duration sessionTimeout, SegmenterOptions segmenter,
            Backoff backoff) {
    }

    private final String bootstrapServers;
    private final Topics topics;
    private final Map<String, Object> clientOverrides;
    private final Settings settings;
    private final KafkaConsumer<String, StreamSpec> consumer;
    private final Map<TopicPartition, PartitionStreams> owned = new ConcurrentHashMap<>();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Failures of partitions no longer owned, so {@link #failures()} only grows (it backs a counter). */
    private long handedOverFailures;
    private final Object failureLock = new Object();
    private volatile boolean closing;

    public IngestGroup(String bootstrapServers, Topics topics, Map<String, Object> clientOverrides, Settings settings) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.clientOverrides = Map.copyOf(clientOverrides);
        this.settings = settings;
        this.consumer = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(),
                topics.streamSpecs().valueSerde().deserializer());
        this.thread = new Thread(this::run, "ingest-group");
    }

    /** Joins the group; streams start as partitions are assigned. */
    public IngestGroup start() {
        thread.start();
        return this;
    }

    /** Stream id to the stream-spec partition it came from, of the streams this instance runs now. */
    public Map<String, Integer> streams() {
        Map<String, Integer> all = new TreeMap<>();
        owned.forEach((tp, p) -> p.streamIds().forEach(id -> all.put(id, tp.partition())));
        return all;
    }

    /** The stream-spec partitions this instance owns. */
    public List<Integer> partitions() {
        return owned.keySet().stream().map(TopicPartition::partition).sorted().toList();
    }

    /** Segments not published since this instance started, across every partition it owned. */
    public long failures() {
        synchronized (failureLock) {
            return handedOverFailures + owned.values().stream().mapToLong(PartitionStreams::failures).sum();
        }
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> p = new HashMap<>(clientOverrides);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "avqa-ingest-group-" + settings.instanceId());
        // Offsets are never committed: every assignment reads its partitions' specs from the beginning.
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A dead instance's streams move once its session expires (GroupSessions: 3 s where the cluster allows it,
        // at most Kafka's default minimum of 6 s), so they publish again within 10 s. Cooperative: a rebalance
        // moves only the partitions that change owner.
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) GroupSessions.heartbeat(settings.sessionTimeout()).toMillis());
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return p;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topics.streamSpecs().name()), new Rebalance());
            while (!closing) {
                for (ConsumerRecord<String, StreamSpec> record : consumer.poll(Duration.ofMillis(200))) {
                    PartitionStreams partition = owned.get(new TopicPartition(record.topic(), record.partition()));
                    if (partition != null && record.key() != null) {
                        partition.offer(record.key(), record.value());
                    }
                }
                for (Map.Entry<TopicPartition, PartitionStreams> e : owned.entrySet()) {
                    PartitionStreams partition = e.getValue();
                    if (partition.fenced()) {
                        // Another instance publishes these streams now; the group will revoke the partition.
                        partition.handOver();
                    } else if (!partition.caughtUp() && consumer.position(e.getKey()) >= partition.endOffset()) {
                        partition.catchUp();
                    }
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                log.error("ingest group woken up unexpectedly", e);
            }
        } catch (KafkaException | IllegalStateException e) {
            log.error("ingest group stopped: {}; this instance runs no managed stream until restarted", e.toString(), e);
        } finally {
            handOverAll(owned.keySet());
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void handOverAll(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : new ArrayList<>(partitions)) {
            PartitionStreams partition = owned.get(tp);
            if (partition != null) {
                partition.handOver();
                partition.close();
                synchronized (failureLock) { // moved from owned to handed over in one step: the sum never drops
                    handedOverFailures += partition.failures();
                    owned.remove(tp);
                }
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            consumer.seekToBeginning(assigned);
            for (TopicPartition tp : assigned) {
                FencedPublisher publisher = new FencedPublisher(bootstrapServers, topics, clientOverrides,
                        FencedPublisher.transactionalId(settings.groupId(), tp.partition()), settings.instanceId());
                owned.put(tp, new PartitionStreams(tp.partition(), ends.getOrDefault(tp, 0L), publisher,
                        settings.segmenter(), settings.backoff()));
            }
            log.info("instance {} now owns stream-spec partitions {}", settings.instanceId(), partitions());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            handOverAll(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            handOverAll(lost);
        }
    }

    /** Stops every stream of this instance (without final statuses: another instance takes them) and leaves. */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        consumer.wakeup();
        if (thread.isAlive()) {
            try {
                if (!stopped.await(30, TimeUnit.SECONDS)) {
                    log.warn("ingest group did not stop within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
