package io.avqa.reasoner.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.avqa.reasoner.stream.ReasonerConfig;
import io.avqa.reasoner.stream.ReasonerConfig.EagerPolicy;
import io.avqa.reasoner.stream.ReasonerService;
import io.avqa.reasoner.stream.ReasonerTopology;
import io.avqa.reasoner.stream.runtime.ModelSource;
import io.avqa.reasoner.stream.runtime.ModelWorkers;
import io.avqa.schemas.topic.KafkaEndpoint;
import io.avqa.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code avqa reasoner}: runs the Kafka Streams reasoner until interrupted (Ctrl-C closes it cleanly).
 */
@Command(name = "reasoner", mixinStandardHelpOptions = true,
        description = {
            "Answer questions about live streams with SaSR-Net, as a Kafka Streams application.",
            "Reads <prefix>embeddings and <prefix>questions (co-partitioned by stream id), keeps each stream's "
                + "window in changelogged state stores, and writes <prefix>answers (keyed by the asking gateway), "
                + "<prefix>insights and, for records it cannot read, <prefix>dlq.",
            "Start several instances with the same --application-id to share the partitions."},
        footer = {"", "Examples:",
            "  avqa reasoner --bootstrap-servers localhost:9092",
            "  avqa reasoner --model models/sasr-small --eager-all --threads 2",
            "  avqa reasoner --describe"})
public final class ReasonerCommand implements Callable<Integer> {
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

    @Option(names = "--eager-batch", paramLabel = "N", defaultValue = "8",
            description = "Eager windows encoded in one forward pass (1 = each at once; default: ${DEFAULT-VALUE}).")
    int eagerBatch;

    @Option(names = "--eager-flush-ms", paramLabel = "MS", defaultValue = "20",
            description = "Longest wait of a changed eager window for its batch to fill (default: ${DEFAULT-VALUE}).")
    long eagerFlushMs;

    @Option(names = "--describe", description = "Print the topology (sources, processors, stores, sinks) and exit.")
    boolean describe;

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
        ReasonerConfig defaults = ReasonerConfig.defaults(describe ? "unused:9092"
                : KafkaEndpoint.resolve(bootstrapServers), stateDir);
        ReasonerConfig config = defaults.withModelDir(model).withTopicPrefix(topicPrefix)
                .withApplicationId(applicationId).withExactlyOnce(exactlyOnce).withThreads(threads)
                .withEager(new EagerPolicy(eagerAll, new LinkedHashSet<>(eagerStreams), eagerBatch,
                        eagerFlushMs));
        if (describe) {
            try (ModelWorkers workers = new ModelWorkers(ModelSource.of(model), 1)) {
                spec.commandLine().getOut().println(ReasonerTopology.build(config.topics(), workers,
                        config.eager()).describe());
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
        try (ReasonerService service = ReasonerService.create(config)) {
            service.start();
            stop.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }
}
