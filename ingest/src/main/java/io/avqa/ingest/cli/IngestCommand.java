package io.avqa.ingest.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.ingest.group.IngestGroup;
import io.avqa.ingest.kafka.IngestInstance;
import io.avqa.ingest.kafka.SegmentPublisher;
import io.avqa.ingest.segment.SegmenterOptions;
import io.avqa.ingest.service.Backoff;
import io.avqa.ingest.service.IngestService;
import io.avqa.ingest.service.StreamJob;
import io.avqa.ingest.source.Sources;
import io.avqa.ops.config.ConfigOption;
import io.avqa.ops.config.EffectiveConfig;
import io.avqa.ops.config.LayeredDefaults;
import io.avqa.ops.config.ValueSource;
import io.avqa.ops.http.OpsEndpointOptions;
import io.avqa.ops.http.OpsServer;
import io.avqa.ops.kafka.BrokerProbe;
import io.avqa.ops.kafka.GroupSessions;
import io.avqa.ops.kafka.KafkaReachability;
import io.avqa.ops.kafka.KafkaWatch;
import io.avqa.ops.kafka.KafkaSecurityOptions;
import io.avqa.ops.log.LogOptions;
import io.avqa.ops.metrics.ClientMetricsReporter;
import io.avqa.ops.metrics.ServiceMetrics;
import io.avqa.schemas.topic.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code avqa ingest}: cuts one or more media sources into 1-second segments on {@code avqa.segments}
 * and reports each stream's state on {@code avqa.streams}. Runs until every recorded source has ended
 * (live and looping sources run until Ctrl-C).
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, defaultValueProvider = LayeredDefaults.class,
        description = {"Cut media sources into 1-second audio-visual segments and publish them to Kafka.",
                "Sources: a file (mp4, mkv, webm, mov), a URL FFmpeg opens (rtsp://, rtmp://, http(s)://, udp://, srt://),",
                "or a Linux device (v4l2:/dev/video0). (The demo's synthetic:NAME streams are its generated clip files:",
                "`avqa demo` runs them; here, pass the clip's mp4 path.)"},
        footer = {"", "Examples:",
                "  avqa ingest --stream-id stage --source rtsp://user:pass@cam1/live",
                "  avqa ingest --stream-id a --source a.mp4 --stream-id b --source b.mp4 --rate 0",
                "  avqa ingest --stream-id loop --source concert.mp4 --loop",
                "  avqa ingest --managed          (streams added with avqa streams add; run several for failover)",
                "", "Every option but the stream pairs can also come from --config FILE or AVQA_<OPTION_NAME>",
                "(docs/configuration.md). Operations: GET /health, /ready, /metrics on --ops-port."})
public final class IngestCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(IngestCommand.class);
    /** The ops endpoint's default port: ingest 9101, features 9102, reasoner 9103. */
    public static final String DEFAULT_OPS_PORT = "9101";

    @Spec
    CommandSpec spec;

    static final class StreamArgs {
        @Option(names = "--stream-id", required = true, description = "Id of the stream (the Kafka key of its records).")
        String streamId;

        @Option(names = "--source", required = true, description = "Where the stream's media comes from.")
        String source;
    }

    @ArgGroup(exclusive = false, multiplicity = "0..*", heading = "Streams (repeat the pair for more streams):%n")
    List<StreamArgs> streams = new ArrayList<>();

    @Option(names = "--managed", description = {"Also run the streams operators manage (avqa streams add, POST /api/streams),",
            "shared with the other instances of --group-id: each stream runs on one live instance and moves to",
            "another within seconds when its instance dies."})
    boolean managed;

    @Option(names = "--group-id", defaultValue = IngestGroup.DEFAULT_GROUP, description = "Consumer group of the instances sharing managed streams (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--session-timeout-ms", defaultValue = "3000", description = {"A silent instance's managed streams move after this long,",
            "raised to the cluster's group.min.session.timeout.ms (Kafka's default 6000; avqa's brokers allow 2000) (default: ${DEFAULT-VALUE})."})
    long sessionTimeoutMs;

    @Option(names = "--rate", defaultValue = "1", description = "Replay speed of files: 1 = real time, 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--loop", description = "Replay files forever; seq keeps counting.")
    boolean loop;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: $AVQA_BOOTSTRAP_SERVERS or the running demo's broker).")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, description = "Topic name prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--frame-size", defaultValue = "224", description = "Frames are resized (no crop) to SIZE x SIZE (default: ${DEFAULT-VALUE}).")
    int frameSize;

    @Option(names = "--io-timeout-ms", defaultValue = "3000", description = "A network read waiting longer fails and reconnects (default: ${DEFAULT-VALUE}).")
    long ioTimeoutMs;

    @Option(names = "--reconnect-initial-ms", defaultValue = "500", description = "First reconnect delay; doubles per failure (default: ${DEFAULT-VALUE}).")
    long reconnectInitialMs;

    @Option(names = "--reconnect-max-ms", defaultValue = "30000", description = "Longest reconnect delay (default: ${DEFAULT-VALUE}).")
    long reconnectMaxMs;

    @Option(names = "--reconnect-attempts", defaultValue = "0", description = "Consecutive failures before a live stream is FAILED; 0 = never (default: ${DEFAULT-VALUE}).")
    int reconnectAttempts;

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
    ConfigOption config;

    private Duration sessionTimeout(String bootstrap) {
        Map<String, Object> client = new HashMap<>(kafkaSecurity.clientProperties());
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return GroupSessions.atLeastClusterMinimum(client, Duration.ofMillis(sessionTimeoutMs));
    }

    @Override
    public Integer call() throws Exception {
        logOptions.apply();
        config.requireLoaded(spec);
        LOG.info("ingest configuration: {}", EffectiveConfig.describe(spec));
        if (streams.isEmpty() && !managed) {
            throw new ParameterException(spec.commandLine(), "nothing to ingest: give --stream-id ID --source SOURCE"
                    + " (repeat the pair for more streams), or --managed to run the streams added with avqa streams add");
        }
        List<StreamJob> specs = new ArrayList<>();
        for (StreamArgs s : streams) {
            specs.add(new StreamJob(s.streamId, Sources.parse(s.source), rate, loop));
        }
        String bootstrap = KafkaReachability.resolveReachable(bootstrapServers);
        SegmenterOptions options = new SegmenterOptions(frameSize, frameSize, 0.9f, Duration.ofMillis(ioTimeoutMs));
        Backoff backoff = new Backoff(Duration.ofMillis(reconnectInitialMs), Duration.ofMillis(reconnectMaxMs), reconnectAttempts);
        try (ServiceMetrics metrics = ServiceMetrics.create("ingest");
                SegmentPublisher publisher = new SegmentPublisher(bootstrap, Topics.withPrefix(topicPrefix),
                        ClientMetricsReporter.install(new HashMap<>(kafkaSecurity.clientProperties()), metrics));
                BrokerProbe probe = new BrokerProbe(BrokerProbe.connect(bootstrap, kafkaSecurity.clientProperties()), 2_000);
                OpsServer ops = OpsServer.startUnlessOff(opsEndpoint.host(), opsPort,
                        EffectiveConfig.sourceOf(spec, "--ops-port") == ValueSource.DEFAULT, metrics::scrape,
                        probe.readiness());
                KafkaWatch watch = KafkaWatch.start(bootstrap, kafkaSecurity.clientProperties());
                IngestService ingest = new IngestService(options, backoff, publisher);
                IngestGroup group = managed ? new IngestGroup(bootstrap, Topics.withPrefix(topicPrefix),
                        kafkaSecurity.clientProperties(), new IngestGroup.Settings(groupId, IngestInstance.newId(),
                                sessionTimeout(bootstrap), options, backoff)).start() : null) {
            FunctionCounter.builder("avqa.ingest.segments.failed", publisher,
                    p -> p.failures() + (group == null ? 0 : group.failures()))
                    .description("segments the broker refused after the producer's retries (managed streams included)")
                    .register(metrics.registry());
            CountDownLatch shutdown = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                if (group != null) {
                    group.close();
                }
                ingest.close();
                publisher.flush();
                shutdown.countDown();
            }, "ingest-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            specs.forEach(ingest::start);
            ingest.awaitAll(Long.MAX_VALUE, TimeUnit.DAYS);
            if (group != null) {
                shutdown.await(); // managed streams run until SIGTERM
            }
            publisher.flush();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already stopping the streams.
            }
        }
        return 0;
    }
}
