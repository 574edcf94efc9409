package io.avqa.features.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.features.extract.FeatureExtractor;
import io.avqa.ops.kafka.GroupSessions;
import io.avqa.ops.metrics.HopLatency;
import io.avqa.ops.metrics.HopLatencyInterceptor;
import io.avqa.schemas.Segment;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.codec.RecordDecodeException;
import io.avqa.schemas.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * The features stage as a Kafka service. Reads {@code segments} in consumer group {@code groupId} (instances
 * split the partitions), micro-batches across streams (up to B segments or W ms after the first one
 * arrived), runs the {@link FeatureExtractor}, writes an Embedding per segment to {@code embeddings} keyed by
 * streamId, and commits a batch's offsets only after every record of it is acknowledged (at-least-once;
 * a crash re-extracts, and Embeddings are idempotent by streamId and seq).
 *
 * <p>Corrupt records and invalid segments (undecodable frame, wrong audio length, non-finite features) go
 * to {@code dlq} with the reason. Stale live segments are skipped by the {@link BacklogPolicy} and counted, in
 * metrics and in the stream's StreamStatus ({@link SkippedSegmentsReporter}).
 * Per-stream order is kept: a partition's records are processed and produced in offset order by an
 * idempotent producer.
 *
 * <p>{@link #run()} blocks on the calling thread, which owns the consumer, producer and extractor;
 * {@link #close()} may be called from any thread and makes {@code run()} return.
 */
public final class FeaturesService implements Runnable, AutoCloseable {
    static final String STAGE = "features";
    private static final Logger LOG = LoggerFactory.getLogger(FeaturesService.class);

    /** How long {@link #close()} waits for the loop: a batch of 16 at batch-1 speed plus the group leave. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final FeaturesConfig config;
    private final int worker;
    private final FeatureExtractor extractor;
    private final FeaturesMetrics metrics;
    private final MeterRegistry registry;
    private final BacklogPolicy backlog;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Thread runner;
    private final ArrayDeque<Polled> pending = new ArrayDeque<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile java.util.Set<TopicPartition> assigned = java.util.Set.of();

    public FeaturesService(FeaturesConfig config, FeatureExtractor extractor, MeterRegistry registry) {
        this(config, extractor, registry, 0);
    }

    /** @param worker this loop's index among the process's {@link FeaturesWorkers}: part of its Kafka client ids */
    FeaturesService(FeaturesConfig config, FeatureExtractor extractor, MeterRegistry registry, int worker) {
        this.worker = worker;
        this.config = config;
        this.extractor = extractor;
        this.metrics = new FeaturesMetrics(registry);
        this.registry = registry;
        this.backlog = new BacklogPolicy(config.mode(), config.liveBacklog());
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        Topics topics = config.topics();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(), new ByteArraySerializer(),
                        new ByteArraySerializer());
                KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(c);
                KafkaClientMetrics producerMetrics = new KafkaClientMetrics(producer);
                SkippedSegmentsReporter skips = new SkippedSegmentsReporter(config)) {
            consumerMetrics.bindTo(registry);
            producerMetrics.bindTo(registry);
            consumer = c;
            if (!running.get()) {
                return;
            }
            c.subscribe(List.of(topics.segments().name()), new DropRevoked());
            LOG.info("features service reading {} as group {} (batch {} / {} ms, {} mode, backbone {})",
                    topics.segments().name(), config.groupId(), config.batchSize(), config.maxWaitMs(), config.mode(),
                    extractor.backboneId());
            if (config.mode() == Mode.LIVE) {
                skips.start(); // replay mode never skips
            }
            BatchProcessor processor = new BatchProcessor(topics, extractor, producer, backlog, metrics,
                    config.liveBacklog(), skips::skipped);
            long maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(config.maxWaitMs());
            while (running.get()) {
                long waitMs = pending.isEmpty() ? 500
                        : Math.max(0, (maxWaitNanos - (System.nanoTime() - pending.peek().arrivalNanos())) / 1_000_000);
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(waitMs))) {
                    pending.add(decode(r, now));
                }
                // a batch is due when B segments wait, or the oldest has waited W
                while (!pending.isEmpty() && (pending.size() >= config.batchSize()
                        || System.nanoTime() - pending.peek().arrivalNanos() >= maxWaitNanos)) {
                    List<Polled> batch = new ArrayList<>(config.batchSize());
                    while (batch.size() < config.batchSize() && !pending.isEmpty()) {
                        batch.add(pending.poll());
                    }
                    c.commitSync(processor.process(batch));
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            LOG.info("features service stopped");
            finished.countDown();
        }
    }

    private Polled decode(ConsumerRecord<byte[], byte[]> r, long arrivalNanos) {
        try {
            Segment s = Contracts.SEGMENT.decode(r.value());
            backlog.arrived(s);
            return new Polled(r, s, null, arrivalNanos);
        } catch (RecordDecodeException e) {
            return new Polled(r, null, e.getMessage(), arrivalNanos);
        }
    }

    /** Distinct per worker: Kafka registers each client's metrics under its id. */
    private String clientId() {
        return "avqa-features-" + ProcessHandle.current().pid() + (worker == 0 ? "" : "-" + worker);
    }

    private Map<String, Object> consumerProps() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Managed streams are published in transactions (ingest's FencedPublisher): never read the aborted tail
        // of an instance another one fenced. Segments outside transactions are read as soon as they are written.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(config.batchSize() * 4, 16));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId());
        p.putAll(config.kafkaClient());
        // A worker that dies without leaving (killed, machine lost) holds its partitions until its session times
        // out: as short as the cluster allows (GroupSessions) instead of Kafka's 45 s of live streams without
        // embeddings. Heartbeats come from the consumer's own thread, so a long batch does not end a session
        // (max.poll.interval.ms guards that). A session set in the client properties wins.
        if (!config.kafkaClient().containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)) {
            Map<String, Object> client = new HashMap<>(config.kafkaClient());
            client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
            Duration session = GroupSessions.atLeastClusterMinimum(client, GroupSessions.WANTED);
            p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) session.toMillis());
            p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) GroupSessions.heartbeat(session).toMillis());
        }
        return p;
    }

    private Map<String, Object> producerProps() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        p.putAll(config.kafkaClient());
        // ingest_to_features latency from each Embedding's timing fields, as avqa_hop_latency_seconds
        return HopLatencyInterceptor.install(p, new HopLatency(registry));
    }

    /** Drops pending records of partitions taken away: their offsets are uncommitted, the new owner reads them. */
    private final class DropRevoked implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            java.util.Set<TopicPartition> kept = new java.util.HashSet<>(assigned);
            kept.removeAll(partitions);
            assigned = java.util.Set.copyOf(kept);
            pending.removeIf(p -> partitions.contains(new TopicPartition(p.record().topic(), p.record().partition())));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            java.util.Set<TopicPartition> now = new java.util.HashSet<>(assigned);
            now.addAll(partitions);
            assigned = java.util.Set.copyOf(now);
            LOG.info("features service assigned {}", partitions);
        }
    }

    /** The segment partitions this instance owns now (empty before the first assignment). */
    public java.util.Set<TopicPartition> assignedPartitions() {
        return assigned;
    }

    /**
     * Stops the loop and, called from another thread, waits up to {@link #CLOSE_WAIT} for it to end: the batch in
     * hand is finished and committed and the consumer leaves its group, so that a caller may then close the
     * extractor and the broker under it.
     */
    @Override
    public void close() {
        running.set(false);
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread loop = runner;
        if (loop == null || loop == Thread.currentThread()) {
            return;
        }
        try {
            if (!finished.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("features loop still running {} s after close; not waiting longer", CLOSE_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
