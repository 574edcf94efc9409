package io.avqa.features.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.Device;
import ai.djl.engine.Engine;

import io.avqa.features.extract.FeatureExtractor;
import io.avqa.features.extract.InferenceThreads;
import io.avqa.features.service.FeaturesConfig;
import io.avqa.features.service.FeaturesWorkers;
import io.avqa.features.service.Mode;
import io.avqa.features.weights.Backbone;
import io.avqa.ops.config.ConfigOption;
import io.avqa.ops.config.EffectiveConfig;
import io.avqa.ops.config.LayeredDefaults;
import io.avqa.ops.config.ValueSource;
import io.avqa.ops.http.OpsEndpointOptions;
import io.avqa.ops.http.OpsServer;
import io.avqa.ops.http.Readiness;
import io.avqa.ops.kafka.BrokerProbe;
import io.avqa.ops.kafka.KafkaReachability;
import io.avqa.ops.kafka.KafkaSecurityOptions;
import io.avqa.ops.kafka.KafkaWatch;
import io.avqa.ops.log.LogOptions;
import io.avqa.ops.metrics.ServiceMetrics;
import io.avqa.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code avqa features}: the feature stage as a Kafka service.
 *
 * <p>Reads {@code <prefix>segments}, writes {@code <prefix>embeddings} (and {@code <prefix>dlq} for bad input).
 * Run one per machine, or several: they share the segments' partitions as one consumer group.
 * <pre>
 *   avqa features --bootstrap-servers 127.0.0.1:9092 --batch-size 8 --max-wait-ms 50
 *   avqa features --mode replay --weights /models/backbone     # evaluation: never skip
 * </pre>
 */
@Command(name = "features", mixinStandardHelpOptions = true, defaultValueProvider = LayeredDefaults.class,
        description = {
            "Runs the feature stage: VGGish (audio) and ResNet-18 (first frame) over every segment on "
                    + "<prefix>segments, micro-batched across streams; writes one Embedding per segment to "
                    + "<prefix>embeddings keyed by stream id, and undecodable or invalid segments with the reason "
                    + "to <prefix>dlq. Offsets are committed only after the Embeddings are acknowledged. Start "
                    + "several instances (same --group) to share the work.",
            "In live mode a live segment more than --live-backlog segments behind its stream's newest, or cut "
                    + "more than --live-backlog + 1 seconds ago, is skipped and counted, so a slow machine stays "
                    + "current; --mode replay processes everything."},
        footer = {"", "Weights: without --weights the shipped backbone models/backbone-synth is used (trained here "
                + "on the synthetic benchmark with `avqa features train`); --weights seeded-v1 gives the "
                + "deterministic untrained weights. A weights directory holds resnet18.safetensors (or .pt) with "
                + "torchvision names and vggish.safetensors (or .pt) with torchvggish names, optionally "
                + "backbone.properties (vggish.finalRelu, layers kept seeded, id prefix); every key and shape is "
                + "checked.",
                "", "Every option can also come from --config FILE or AVQA_<OPTION_NAME> (docs/configuration.md). "
                + "Operations: GET /health, /ready (partitions assigned), /metrics on --ops-port."})
public final class FeaturesCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(FeaturesCommand.class);
    /** The ops endpoint's default port: ingest 9101, features 9102, reasoner 9103. */
    public static final String DEFAULT_OPS_PORT = "9102";

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: $AVQA_BOOTSTRAP_SERVERS, else the running avqa broker/demo).")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, paramLabel = "PREFIX",
            description = "Prefix of all topic names (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--group", defaultValue = FeaturesConfig.DEFAULT_GROUP, paramLabel = "ID",
            description = "Consumer group shared by the instances that split the work (default: ${DEFAULT-VALUE}).")
    String group;

    // 16: the stage ran 34.5 segments/s at batch 16 against 31.2 at 8 on 2 cores (bench/results/features.md); the
    // live-load figure there is measured with 16. At light load batches stay small: a batch takes what is pending.
    @Option(names = "--batch-size", defaultValue = "16", paramLabel = "B",
            description = "Most segments per inference batch, 1..64 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-wait-ms", defaultValue = "50", paramLabel = "MS",
            description = "Longest a segment waits for its batch to fill (default: ${DEFAULT-VALUE}).")
    long maxWaitMs;

    @Option(names = "--mode", defaultValue = "live", paramLabel = "live|replay",
            description = "live: skip stale live segments; replay: block and lose nothing (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--live-backlog", defaultValue = "2", paramLabel = "SEGMENTS",
            description = "In live mode, skip a live segment more than this many segments behind its stream's "
                    + "newest, or cut more than this many seconds plus one ago (default: ${DEFAULT-VALUE}).")
    int liveBacklog;

    @Option(names = "--weights", defaultValue = Backbone.SHIPPED, paramLabel = "DIR|seeded-v1",
            description = "Backbone weights: seeded-v1 or a directory of checkpoints (default: ${DEFAULT-VALUE}).")
    String weights;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "PyTorch intra-op threads; 0 = the cores divided among the workers (default: "
                    + "${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N",
            description = "Extraction loops in this process, each with its own networks, consumer and producer, "
                    + "splitting the segment partitions like instances. On 2 cores 2 workers of 1 thread extract "
                    + "more segments per second than 1 of 2 threads, and each batch takes longer "
                    + "(default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|gpu",
            description = "cpu, or gpu (needs the CUDA PyTorch native on the class path) (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--ops-port", defaultValue = DEFAULT_OPS_PORT, paramLabel = "PORT",
            description = "Port of /health, /ready and /metrics; 0 = any free port, -1 = off (default: ${DEFAULT-VALUE}).")
    int opsPort;

    @Mixin
    OpsEndpointOptions opsEndpoint;

    @Mixin
    KafkaSecurityOptions kafkaSecurity;

    @Mixin
    LogOptions logOptions;

    @Mixin
    ConfigOption configFile;

    @Override
    public Integer call() throws Exception {
        logOptions.apply();
        configFile.requireLoaded(spec);
        if (workers < 1) {
            throw new ParameterException(spec.commandLine(), "--workers must be at least 1, got " + workers);
        }
        LOG.info("features configuration: {}", EffectiveConfig.describe(spec));
        String servers = KafkaReachability.resolveReachable(bootstrapServers);
        FeaturesConfig config = new FeaturesConfig(servers, Topics.withPrefix(topicPrefix),
                group, batchSize, maxWaitMs, parseMode(mode), liveBacklog, weights, threads, parseGpu(device),
                kafkaSecurity.clientProperties());
        InferenceThreads.set(config.threads() > 0 ? config.threads()
                : Math.max(1, Runtime.getRuntime().availableProcessors() / workers));
        Device target = config.gpu() ? Device.gpu() : Device.cpu();
        List<FeatureExtractor> extractors = new ArrayList<>();
        try (ServiceMetrics metrics = ServiceMetrics.create("features");
                Extractors closing = new Extractors(extractors);
                BrokerProbe probe = new BrokerProbe(BrokerProbe.connect(config.bootstrapServers(),
                        config.kafkaClient()), 2_000);
                KafkaWatch watch = KafkaWatch.start(config.bootstrapServers(), config.kafkaClient())) {
            for (int i = 0; i < workers; i++) {
                extractors.add(FeatureExtractor.create(Backbone.parse(config.weights()), target));
            }
            try (FeaturesWorkers service = new FeaturesWorkers(config, extractors, metrics.registry());
                    OpsServer ops = OpsServer.startUnlessOff(opsEndpoint.host(), opsPort,
                            EffectiveConfig.sourceOf(spec, "--ops-port") == ValueSource.DEFAULT, metrics::scrape,
                            readiness(probe, service::assignedPartitions))) {
                Thread main = Thread.currentThread();
                Thread hook = new Thread(() -> {
                    service.close();
                    try {
                        main.join(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "features-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                LOG.info("features: {} worker(s) of {} intra-op thread(s) on {}", workers, InferenceThreads.current(),
                        target);
                service.run();
            }
        }
        return 0;
    }

    /** Closes the extractors made so far, also when making a later one fails. */
    private record Extractors(List<FeatureExtractor> list) implements AutoCloseable {
        @Override
        public void close() {
            list.forEach(FeatureExtractor::close);
        }
    }

    /** Ready when Kafka answers and this instance owns segment partitions (it has work to do). */
    static Readiness readiness(BrokerProbe probe, Supplier<Set<TopicPartition>> assigned) {
        return Readiness.all(probe.readiness(), () -> assigned.get().isEmpty()
                ? Readiness.State.notReady("no segments partitions assigned yet (joining the consumer group, or more "
                        + "instances than partitions)")
                : Readiness.State.ok());
    }

    static Mode parseMode(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "live" -> Mode.LIVE;
            case "replay" -> Mode.REPLAY;
            default -> throw new IllegalArgumentException("--mode must be live or replay, was " + value);
        };
    }

    static boolean parseGpu(String value) {
        switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "cpu":
                return false;
            case "gpu":
                if (Engine.getEngine("PyTorch").getGpuCount() == 0) {
                    throw new IllegalStateException("--device gpu: PyTorch sees no GPU; put the CUDA PyTorch native "
                            + "(ai.djl.pytorch:pytorch-native-cu*) on the class path of a machine with a GPU, or use --device cpu");
                }
                return true;
            default:
                throw new IllegalArgumentException("--device must be cpu or gpu, was " + value);
        }
    }
}
