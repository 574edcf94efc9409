package io.avqa.reasoner.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.ops.config.ConfigOption;
import io.avqa.ops.config.EffectiveConfig;
import io.avqa.ops.config.LayeredDefaults;
import io.avqa.ops.config.ValueSource;
import io.avqa.ops.http.OpsEndpointOptions;
import io.avqa.ops.http.OpsServer;
import io.avqa.ops.http.Readiness;
import io.avqa.ops.kafka.KafkaReachability;
import io.avqa.ops.kafka.KafkaWatch;
import io.avqa.ops.kafka.KafkaSecurityOptions;
import io.avqa.ops.log.LogOptions;
import io.avqa.ops.metrics.ServiceMetrics;
import io.avqa.reasoner.engine.MatmulPrecision;
import io.avqa.reasoner.stream.ReasonerConfig.EagerPolicy;
import io.avqa.reasoner.stream.ReasonerConfig;
import io.avqa.reasoner.stream.ReasonerService;
import io.avqa.reasoner.stream.ReasonerTopology;
import io.avqa.reasoner.stream.runtime.ModelSource;
import io.avqa.reasoner.stream.runtime.ModelWorkers;
import io.avqa.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code avqa reasoner}: runs the Kafka Streams reasoner until interrupted (Ctrl-C closes it cleanly).
 */
@Command(name = "reasoner", mixinStandardHelpOptions = true, defaultValueProvider = LayeredDefaults.class,
        description = {
            "Answer questions about live streams with SaSR-Net, as a Kafka Streams application.",
            "Reads <prefix>embeddings and <prefix>questions (co-partitioned by stream id), keeps each stream's "
                + "window in changelogged state stores, and writes <prefix>answers (keyed by the asking gateway), "
                + "<prefix>insights and, for records it cannot read, <prefix>dlq.",
            "Start several instances with the same --application-id to share the partitions."},
        footer = {"", "Examples:",
            "  avqa reasoner --bootstrap-servers localhost:9092",
            "  avqa reasoner --model models/sasr-small --eager-all --threads 2",
            "  avqa reasoner --describe",
            "", "Every option can also come from --config FILE or AVQA_<OPTION_NAME> (docs/configuration.md). "
                + "Operations: GET /health, /ready (Kafka Streams RUNNING), /metrics on --ops-port."})
public final class ReasonerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ReasonerCommand.class);
    /** The ops endpoint's default port: ingest 9101, features 9102, reasoner 9103. */
    public static final String DEFAULT_OPS_PORT = "9103";

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: $AVQA_BOOTSTRAP_SERVERS, else the running demo broker).")
    String bootstrapServers;

    @Option(names = "--model", paramLabel = "DIR", defaultValue = "models/sasr-synth",
            description = "Saved SaSR-Net directory (model.json + weights; default: ${DEFAULT-VALUE}).")
    Path model;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = Topics.DEFAULT_PREFIX,
            description = "Topic name prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = ReasonerConfig.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application id; instances with the same id share the work "
                    + "(default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--exactly-once",
            description = "Use exactly_once_v2 instead of at_least_once (adds latency per answer; answers are "
                    + "idempotent by question id, so at-least-once duplicates are harmless).")
    boolean exactlyOnce;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Stream threads; each loads its own copy of the model (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${java.io.tmpdir}/avqa-reasoner",
            description = "Local state store directory, restored from the changelogs if lost "
                    + "(default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--eager-all",
            description = "Encode every stream's window on each segment and publish insights for all streams "
                    + "(for dashboards); otherwise only streams with standing questions or --eager-stream are.")
    boolean eagerAll;

    @Option(names = "--eager-stream", paramLabel = "STREAM_ID",
            description = "A stream to encode on each segment (insights) even without standing questions; "
                    + "repeatable.")
    List<String> eagerStreams = List.of();

    @Option(names = "--eager-batch", paramLabel = "N", defaultValue = "16",
            description = "Most eager windows the encoder threads take per forward pass; 1 encodes each window at "
                    + "once on its stream thread instead (default: ${DEFAULT-VALUE}).")
    int eagerBatch;

    @Option(names = "--eager-flush-ms", paramLabel = "MS", defaultValue = "5",
            description = "How often stream threads publish the windows the encoder threads finished "
                    + "(default: ${DEFAULT-VALUE}).")
    long eagerFlushMs;

    @Option(names = "--eager-threads", paramLabel = "N", defaultValue = "2",
            description = "Encoder threads for eager windows, each with its own model copy, off the stream threads "
                    + "that answer questions (default: ${DEFAULT-VALUE}).")
    int eagerThreads;

    @Option(names = "--eager-nice", paramLabel = "0-19", defaultValue = "10",
            description = "Linux nice value of the encoder threads: when the cores are busy, questions and Kafka's "
                    + "I/O run before the next batch of windows; 0 runs them at the stream threads' priority "
                    + "(default: ${DEFAULT-VALUE}).")
    int eagerNice;

    @Option(names = "--eager-linger-ms", paramLabel = "MS", defaultValue = "200",
            description = "How long an encoder thread waits, once a window is queued, for a fuller batch (8 windows, "
                    + "or --eager-batch if fewer) before encoding what is there: a batch of 8 costs about half the CPU "
                    + "per window of one at a time, for up to this much more insight latency; 0 encodes at once "
                    + "(default: ${DEFAULT-VALUE}).")
    long eagerLingerMs;

    // Measured on 2 cores, sasr-base, bf16, 50 lazy streams: question round trip p50 / p99 53 / 80 ms with 1
    // thread, 68 / 137 with 2 (the stream threads' passes then fight over the cores); eager encoding was also
    // slower with 2. PyTorch's own default is one thread per core.
    @Option(names = "--model-threads", paramLabel = "N", defaultValue = "1",
            description = "PyTorch threads per forward pass (intra-op). Stream and encoder threads each run their "
                    + "own passes, so 1 keeps them from oversubscribing the cores (default: ${DEFAULT-VALUE}).")
    int modelThreads;

    @Option(names = "--parallel-branches", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "A stream thread that encodes a window itself (the first question on a lazy stream's "
                    + "window) runs the model's visual branch on a helper thread beside the audio branch: about a "
                    + "third less latency on 2 cores; --no-parallel-branches keeps it on one thread "
                    + "(default: ${DEFAULT-VALUE}).")
    boolean parallelBranches;

    @Option(names = "--matmul-precision", paramLabel = "fp32|bf16", defaultValue = "fp32",
            converter = PrecisionConverter.class, description = MatmulPrecision.HELP)
    MatmulPrecision matmulPrecision;

    @Option(names = "--describe", description = "Print the topology (sources, processors, stores, sinks) and exit.")
    boolean describe;

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
        try {
            return run();
        } catch (IllegalStateException e) {
            // No model, no broker: the message says what to do; a stack trace would hide it.
            spec.commandLine().getErr().println("avqa reasoner: " + e.getMessage());
            return 2;
        }
    }

    private int run() throws InterruptedException {
        logOptions.apply();
        configFile.requireLoaded(spec);
        if (modelThreads < 1) {
            throw new ParameterException(spec.commandLine(), "--model-threads must be at least 1, got "
                    + modelThreads);
        }
        // Kafka first: loading the PyTorch engine below took 16 s on a loaded machine before this check answered
        String servers = describe ? "unused:9092" : KafkaReachability.resolveReachable(bootstrapServers);
        // before anything starts the PyTorch engine, which reads the count once
        Threads.configure(modelThreads);
        if (!describe) {
            LOG.info("reasoner configuration: {}", EffectiveConfig.describe(spec));
            LOG.info("{}", matmulPrecision.applyAndDescribe());
        }
        ReasonerConfig defaults = ReasonerConfig.defaults(servers, stateDir);
        ReasonerConfig config = defaults.withModelDir(model).withTopicPrefix(topicPrefix)
                .withApplicationId(applicationId).withExactlyOnce(exactlyOnce).withThreads(threads)
                .withEager(new EagerPolicy(eagerAll, new LinkedHashSet<>(eagerStreams), eagerBatch,
                        eagerFlushMs, eagerThreads, eagerNice, eagerLingerMs))
                .withKafkaClient(kafkaSecurity.clientProperties())
                .withParallelBranches(parallelBranches);
        if (describe) {
            try (ModelWorkers workers = new ModelWorkers(ModelSource.of(model), 1)) {
                spec.commandLine().getOut().println(ReasonerTopology.build(config.topics(), workers,
                        config.eager(), config.streamsProperties()).describe());
            }
            return 0;
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                // The JVM exits when the hooks return: wait for the clean close (commits, state checkpoints).
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "reasoner-shutdown"));
        try (ServiceMetrics metrics = ServiceMetrics.create("reasoner");
                ReasonerService service = ReasonerService.create(config, metrics.registry());
                OpsServer ops = OpsServer.startUnlessOff(opsEndpoint.host(), opsPort,
                        EffectiveConfig.sourceOf(spec, "--ops-port") == ValueSource.DEFAULT, metrics::scrape,
                        readiness(service));
                KafkaWatch watch = KafkaWatch.start(config.bootstrapServers(), kafkaSecurity.clientProperties())) {
            service.start();
            stop.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    /** Ready while Kafka Streams is RUNNING (joined, restored, processing); its state is the reason otherwise. */
    static Readiness readiness(ReasonerService service) {
        return () -> {
            KafkaStreams.State state = service.state();
            return state == KafkaStreams.State.RUNNING ? Readiness.State.ok()
                    : Readiness.State.notReady("Kafka Streams is " + state + (state == KafkaStreams.State.REBALANCING
                            ? " (joining the group or restoring state stores)" : ""));
        };
    }
}
