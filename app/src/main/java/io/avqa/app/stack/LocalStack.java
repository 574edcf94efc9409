package io.avqa.app.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.Device;
import io.avqa.broker.EmbeddedKafkaBroker;
import io.avqa.broker.TopicAdmin;
import io.avqa.features.extract.FeatureExtractor;
import io.avqa.features.service.FeaturesConfig;
import io.avqa.features.service.FeaturesService;
import io.avqa.features.service.Mode;
import io.avqa.features.weights.Backbone;
import io.avqa.gateway.Gateway;
import io.avqa.gateway.GatewayConfig;
import io.avqa.gateway.auth.StaticTokens;
import io.avqa.ingest.group.IngestGroup;
import io.avqa.ingest.kafka.IngestInstance;
import io.avqa.ingest.kafka.SegmentPublisher;
import io.avqa.ingest.segment.SegmenterOptions;
import io.avqa.ingest.service.Backoff;
import io.avqa.ingest.service.IngestService;
import io.avqa.ops.kafka.GroupSessions;
import io.avqa.reasoner.stream.ReasonerConfig;
import io.avqa.reasoner.stream.ReasonerService;
import io.avqa.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

/**
 * Every service of avqa-live in this process, on an embedded broker: what {@code avqa demo} and
 * {@code avqa eval replay} run. Started in data-path order (broker, topics, features, reasoner, gateway;
 * ingest last, by the caller, through {@link #ingest()}), closed in reverse.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    /**
     * @param home          broker data and reasoner state live below it (reused by the next start)
     * @param kafkaPort     0 for any free port
     * @param topicPrefix   e.g. {@code avqa.}
     * @param featuresMode  LIVE skips stale segments, REPLAY loses nothing
     * @param weights       the feature stage's backbone: {@link Backbone#SHIPPED}, {@code seeded-v1} or a directory
     * @param reasoner      application id, model and eager policy (bootstrap and state dir are filled in)
     * @param gatewayPort   0 for any free port
     * @param token         the one static token of the gateway (all streams, admin: it may add and remove streams)
     * @param answerTimeout the gateway's TIMEOUT
     */
    public record Options(Path home, int kafkaPort, String topicPrefix, Mode featuresMode, String weights,
            ReasonerConfig reasoner, int gatewayPort, String token, Duration answerTimeout) {
    }

    private final List<AutoCloseable> started = new ArrayList<>();
    private final EmbeddedKafkaBroker broker;
    private final IngestService ingest;
    private final ReasonerService reasoner;
    private final Gateway gateway;

    private LocalStack(Options o) throws Exception {
        try {
            broker = EmbeddedKafkaBroker.start(o.home().resolve("broker-data"), o.kafkaPort(), Duration.ofSeconds(60));
            started.add(broker);
            String bootstrap = broker.bootstrapServers();
            Topics topics = Topics.withPrefix(o.topicPrefix());
            try (TopicAdmin admin = new TopicAdmin(bootstrap)) {
                admin.createAll(topics);
            }

            FeatureExtractor extractor = FeatureExtractor.create(Backbone.parse(o.weights()), Device.cpu());
            started.add(extractor);
            FeaturesService features = new FeaturesService(
                    FeaturesConfig.defaults(bootstrap, topics).withMode(o.featuresMode(), 2), extractor, new SimpleMeterRegistry());
            started.add(features);
            Thread featuresThread = new Thread(features, "features");
            featuresThread.setDaemon(true);
            featuresThread.start();

            ReasonerConfig r = o.reasoner();
            reasoner = ReasonerService.create(new ReasonerConfig(bootstrap, o.topicPrefix(), r.applicationId(), r.modelDir(),
                    r.exactlyOnce(), r.threads(), o.home().resolve("reasoner-state"), r.commitIntervalMs(), r.maxPollRecords(),
                    r.eager(), r.cachedWindows()));
            started.add(reasoner);
            if (broker.isNewCluster()) {
                // the broker data was new (first run, or deleted): state kept for an earlier cluster is stale
                reasoner.cleanUpLocalState();
            }
            reasoner.start();

            Vertx vertx = Vertx.vertx();
            started.add(() -> vertx.close().await(10, TimeUnit.SECONDS));
            gateway = Gateway.start(vertx, GatewayConfig.of(bootstrap, topics, "local-gateway",
                    StaticTokens.parse(o.token() + "=*,+admin")).withPort(o.gatewayPort()).withAnswerTimeout(o.answerTimeout()))
                    .compose(Gateway::ready).await(60, TimeUnit.SECONDS);
            started.add(() -> gateway.close().await(10, TimeUnit.SECONDS));

            SegmentPublisher publisher = new SegmentPublisher(bootstrap, topics, Map.of());
            started.add(publisher);
            ingest = new IngestService(SegmenterOptions.defaults(), Backoff.defaults(), publisher);
            started.add(ingest);
            // streams added from the dashboard or with avqa streams add (the token is an admin's)
            started.add(new IngestGroup(bootstrap, topics, Map.of(), new IngestGroup.Settings(IngestGroup.DEFAULT_GROUP,
                    IngestInstance.newId(), GroupSessions.WANTED, SegmenterOptions.defaults(), Backoff.defaults()))
                    .start());
            reasoner.awaitRunning(Duration.ofSeconds(60));
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    public static LocalStack start(Options options) throws Exception {
        return new LocalStack(options);
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Where the caller starts its streams. */
    public IngestService ingest() {
        return ingest;
    }

    public Gateway gateway() {
        return gateway;
    }

    /** Stops everything in reverse start order; one failure does not keep the rest running. Idempotent. */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.toString());
            }
        }
        started.clear();
    }
}
