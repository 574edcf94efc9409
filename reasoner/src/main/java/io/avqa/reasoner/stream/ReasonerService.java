package io.avqa.reasoner.stream;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.ops.kafka.GroupSessions;
import io.avqa.ops.metrics.HopLatency;
import io.avqa.ops.metrics.HopLatencyInterceptor;
import io.avqa.reasoner.stream.catalog.TemplatePublisher;
import io.avqa.reasoner.stream.runtime.ModelSource;
import io.avqa.reasoner.stream.runtime.ModelWorkers;
import io.avqa.reasoner.stream.window.StreamWindows;
import io.avqa.reasoner.stream.window.WindowIndex;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The reasoner as a running service: builds the topology for a {@link ReasonerConfig}, starts Kafka Streams and
 * closes it (and the per-thread models) on {@link #close()}. A stream thread that dies of an unexpected error is
 * replaced rather than taking the instance down; its partitions are reprocessed from the last commit.
 *
 * <p>Reads {@code <prefix>embeddings} and {@code <prefix>questions}; writes {@code <prefix>answers} (keyed by
 * replyTo), {@code <prefix>insights} and {@code <prefix>dlq}, and at start the model's templates to
 * {@code <prefix>models}. Several instances with one application id share
 * the partitions; a stream's window moves with its partition through the store changelogs.
 */
public final class ReasonerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReasonerService.class);

    private final ReasonerConfig config;
    private final ModelWorkers workers;
    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);
    private final KafkaStreamsMetrics streamsMetrics;

    private ReasonerService(ReasonerConfig config, ModelWorkers workers, KafkaStreams streams, MeterRegistry registry) {
        this.config = config;
        this.workers = workers;
        this.streams = streams;
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        Gauge.builder("avqa.reasoner.segments.ignored", this, s -> s.ignoredSegments(true)).tag("reason", "late")
                .description("segments older than a full window, over the streams this instance holds")
                .register(registry);
        Gauge.builder("avqa.reasoner.segments.ignored", this, s -> s.ignoredSegments(false)).tag("reason", "duplicate")
                .description("segments whose seq was already in the window, over the streams this instance holds")
                .register(registry);
    }

    /**
     * Creates (does not start) the service.
     *
     * @throws IllegalStateException when the model directory holds no model, saying how to get one
     */
    public static ReasonerService create(ReasonerConfig config) {
        return create(config, new SimpleMeterRegistry());
    }

    /**
     * Creates (does not start) the service with its meters in {@code registry}: Kafka Streams' own metrics, the
     * hop latencies of the answers and insights it produces, and the late/duplicate segments it ignored.
     *
     * @throws IllegalStateException when the model directory holds no model, saying how to get one
     */
    /** The wanted session timeout, unless the cluster allows none that short (or the user set their own). */
    private static void raiseSessionToClusterMinimum(ReasonerConfig config, java.util.Properties props) {
        String session = StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
        if (!Integer.valueOf((int) GroupSessions.WANTED.toMillis()).equals(props.get(session))) {
            return;
        }
        java.util.Map<String, Object> client = new java.util.HashMap<>(config.kafkaClient());
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        Duration timeout = GroupSessions.atLeastClusterMinimum(client, GroupSessions.WANTED);
        props.put(session, (int) timeout.toMillis());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) GroupSessions.heartbeat(timeout).toMillis());
    }

    public static ReasonerService create(ReasonerConfig config, MeterRegistry registry) {
        ModelWorkers workers = new ModelWorkers(ModelSource.of(config.modelDir()), config.cachedWindows(), registry,
                config.parallelBranches());
        java.util.Properties props = config.streamsProperties();
        raiseSessionToClusterMinimum(config, props);
        Topology topology = ReasonerTopology.build(config.topics(), workers, config.eager(), props);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
                HopLatencyInterceptor.class.getName());
        props.put(StreamsConfig.producerPrefix(HopLatencyInterceptor.HOPS_CONFIG), new HopLatency(registry));
        KafkaStreams streams = new KafkaStreams(topology, props);
        ReasonerService service = new ReasonerService(config, workers, streams, registry);
        streams.setStateListener((now, before) -> {
            LOG.info("reasoner {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                service.running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it (its partitions restart from the last commit)", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        return service;
    }

    /** Loads and warms one model per stream thread (this blocks for that long), then starts processing. */
    public void start() {
        LOG.info("starting reasoner {} on {} (model {}, window {}, {}, {} thread(s), eager {})",
                config.applicationId(), config.bootstrapServers(), workers.card().modelId(),
                workers.card().window(), config.exactlyOnce() ? "exactly_once_v2" : "at_least_once",
                config.threads(), config.eager().all() ? "all streams" : "standing questions"
                        + (config.eager().streams().isEmpty() ? "" : " + " + config.eager().streams()));
        // one warmed model per stream thread before the first record, so the first question does not load one
        workers.prepare(config.threads());
        TemplatePublisher.publish(config.bootstrapServers(), config.kafkaClient(), config.topics().models(),
                workers.card());
        streams.start();
    }

    /**
     * Deletes this application's local state (the stores' RocksDB files and their checkpoints) before
     * {@link #start()}; the stores are then restored from their changelogs. For a broker that is a new cluster:
     * offsets checkpointed against the old one would make Kafka Streams restore on top of stale state, or wipe
     * each task with an error, depending on how the old and new changelog lengths compare.
     */
    public void cleanUpLocalState() {
        streams.cleanUp();
    }

    /** Waits until the instance has joined the group and is processing; false on timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Partitions of the embeddings topic this instance processes now (empty while rebalancing). */
    public java.util.Set<Integer> activePartitions() {
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task ->
                task.topicPartitions().stream().filter(tp -> tp.topic().equals(config.topics().embeddings().name()))
                        .forEach(tp -> out.add(tp.partition()))));
        return out;
    }

    public Topology describeTopology() {
        return ReasonerTopology.build(config.topics(), workers, config.eager(), config.streamsProperties());
    }

    /** Sum of the late (or duplicate) counters of the windows this instance holds now; NaN while rebalancing. */
    private double ignoredSegments(boolean late) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return Double.NaN;
        }
        try {
            ReadOnlyKeyValueStore<String, WindowIndex> store = streams.store(StoreQueryParameters.fromNameAndType(
                    StreamWindows.INDEX_STORE, QueryableStoreTypes.<String, WindowIndex>keyValueStore()));
            long sum = 0;
            try (KeyValueIterator<String, WindowIndex> all = store.all()) {
                while (all.hasNext()) {
                    WindowIndex index = all.next().value;
                    sum += late ? index.late() : index.duplicates();
                }
            }
            return sum;
        } catch (InvalidStateStoreException e) {
            return Double.NaN; // a partition is moving; the next scrape sees the settled stores
        }
    }

    @Override
    public void close() {
        streamsMetrics.close();
        streams.close(Duration.ofSeconds(30));
        workers.close();
    }
}
