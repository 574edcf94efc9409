package io.avqa.reasoner.stream;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.reasoner.stream.runtime.ModelSource;
import io.avqa.reasoner.stream.runtime.ModelWorkers;

/**
 * The reasoner as a running service: builds the topology for a {@link ReasonerConfig}, starts Kafka Streams and
 * closes it (and the per-thread models) on {@link #close()}. A stream thread that dies of an unexpected error is
 * replaced rather than taking the instance down; its partitions are reprocessed from the last commit.
 *
 * <p>Reads {@code <prefix>embeddings} and {@code <prefix>questions}; writes {@code <prefix>answers} (keyed by
 * replyTo), {@code <prefix>insights} and {@code <prefix>dlq}. Several instances with one application id share
 * the partitions; a stream's window moves with its partition through the store changelogs.
 */
public final class ReasonerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReasonerService.class);

    private final ReasonerConfig config;
    private final ModelWorkers workers;
    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);

    private ReasonerService(ReasonerConfig config, ModelWorkers workers, KafkaStreams streams) {
        this.config = config;
        this.workers = workers;
        this.streams = streams;
    }

    /**
     * Creates (does not start) the service.
     *
     * @throws IllegalStateException when the model directory holds no model, saying how to get one
     */
    public static ReasonerService create(ReasonerConfig config) {
        ModelWorkers workers = new ModelWorkers(ModelSource.of(config.modelDir()), config.cachedWindows());
        Topology topology = ReasonerTopology.build(config.topics(), workers, config.eager());
        KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties());
        ReasonerService service = new ReasonerService(config, workers, streams);
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

    public void start() {
        LOG.info("starting reasoner {} on {} (model {}, window {}, {}, {} thread(s), eager {})",
                config.applicationId(), config.bootstrapServers(), workers.card().modelId(),
                workers.card().window(), config.exactlyOnce() ? "exactly_once_v2" : "at_least_once",
                config.threads(), config.eager().all() ? "all streams" : "standing questions"
                        + (config.eager().streams().isEmpty() ? "" : " + " + config.eager().streams()));
        streams.start();
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
        return ReasonerTopology.build(config.topics(), workers, config.eager());
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        workers.close();
    }
}
