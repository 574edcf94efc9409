package io.avqa.gateway;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.gateway.auth.TokenAuthenticator;
import io.avqa.gateway.feed.StreamDirectory;
import io.avqa.gateway.http.HttpApi;
import io.avqa.gateway.http.QuestionTemplates;
import io.avqa.gateway.kafka.AnswerConsumer;
import io.avqa.gateway.kafka.KafkaProbe;
import io.avqa.gateway.kafka.ModelTemplatesConsumer;
import io.avqa.gateway.kafka.QuestionPublisher;
import io.avqa.gateway.kafka.StreamFeedConsumer;
import io.avqa.gateway.kafka.StreamSpecConsumer;
import io.avqa.gateway.kafka.StreamSpecPublisher;
import io.avqa.gateway.limits.ConnectionCounter;
import io.avqa.gateway.limits.RateLimiter;
import io.avqa.gateway.metrics.GatewayMetrics;
import io.avqa.gateway.routing.AnswerRouter;
import io.avqa.gateway.routing.QuestionDesk;
import io.avqa.gateway.specs.ManagedStreams;
import io.avqa.gateway.specs.StreamAdmin;
import io.avqa.gateway.ws.WebSocketEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * One gateway instance: Kafka clients on their own threads, the routing state and every socket on this
 * verticle's single event-loop context (so the state needs no locks), and the HTTP/WebSocket server.
 * {@link #start()} completes when the server listens; {@link #ready()} when Kafka consumers are positioned and the
 * stream specs are read.
 * Deploy one instance per gateway; run more gateways (with distinct instance ids) to scale out.
 */
public final class GatewayVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);

    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final Promise<Void> ready = Promise.promise();
    private QuestionPublisher publisher;
    private AnswerConsumer answers;
    private StreamFeedConsumer feeds;
    private ModelTemplatesConsumer models;
    private StreamSpecPublisher specPublisher;
    private StreamSpecConsumer specs;
    private KafkaProbe probe;
    private HttpServer server;

    public GatewayVerticle(GatewayConfig config) {
        this.config = config;
        this.metrics = new GatewayMetrics(config.instanceId());
    }

    @Override
    public Future<?> start() {
        // Creating Kafka clients and the first use of Avro, Jackson and Vert.x Web load hundreds of classes
        // (over half a second on a small machine): a worker thread assembles everything, the event loop
        // only binds the server.
        return vertx.executeBlocking(this::assemble).compose(parts -> {
            server = vertx.createHttpServer(parts.options());
            parts.endpoint().install(server);
            server.requestHandler(parts.router());
            return server.listen();
        }).onSuccess(s -> LOG.info("gateway {} listening on http://{}:{}/ (Kafka {}, questions to {})",
                config.instanceId(), config.host(), s.actualPort(), config.bootstrapServers(),
                config.topics().questions().name()));
    }

    /** What the event loop needs to bind the server. */
    private record ServerParts(HttpServerOptions options, WebSocketEndpoint endpoint, Router router) {
    }

    private ServerParts assemble() {
        Warmup.run();
        publisher = new QuestionPublisher(config.bootstrapServers(), config.topics(), config.instanceId(),
                config.kafkaClient());
        probe = new KafkaProbe(config.bootstrapServers(), config.instanceId(), config.kafkaClient());
        StreamDirectory directory = new StreamDirectory();
        AnswerRouter router = new AnswerRouter(vertx, config.answerTimeout(), metrics);
        QuestionDesk desk = new QuestionDesk(config.instanceId(), config.limits(),
                new RateLimiter(config.limits().requestsPerSecond(), config.limits().burst(), System::nanoTime),
                router, publisher, context, metrics);
        // removing a stream (here or at another gateway: every gateway reads the tombstone) ends its questions here
        ManagedStreams managed = new ManagedStreams(desk::endStream);
        specPublisher = new StreamSpecPublisher(config.bootstrapServers(), config.topics(), config.instanceId(),
                config.kafkaClient());
        GatewayServices services = new GatewayServices(vertx, config.instanceId(), config.limits(),
                new TokenAuthenticator(vertx, config.tokens(), config.jwtSecret()), desk, directory,
                new ConnectionCounter(config.limits().maxConnectionsPerToken()), metrics,
                new StreamAdmin(managed, specPublisher, context, directory::status));
        // The router's state is confined to the event loop; the gauge only reads a size.
        metrics.gauge("avqa_gateway_pending_questions", "questions waiting for their terminal reply",
                router::pendingCount);
        answers = new AnswerConsumer(config.bootstrapServers(), config.kafkaClient(), config.topics(), config.instanceId(), context,
                router::onAnswer, publisher, metrics).start();
        feeds = new StreamFeedConsumer(config.bootstrapServers(), config.kafkaClient(), config.topics(), config.instanceId(), context,
                directory, publisher, metrics).start();
        QuestionTemplates templates = new QuestionTemplates();
        models = new ModelTemplatesConsumer(config.bootstrapServers(), config.kafkaClient(), config.topics(),
                config.instanceId(), context, templates::update, metrics).start();
        specs = new StreamSpecConsumer(config.bootstrapServers(), config.kafkaClient(), config.topics(),
                config.instanceId(), context, managed, metrics).start();
        CompletableFuture.allOf(answers.assigned(), feeds.assigned(), specs.loaded()).whenComplete((r, e) ->
                context.runOnContext(x -> {
                    if (e == null) {
                        ready.tryComplete();
                    } else {
                        ready.tryFail(e);
                    }
                }));
        HttpServerOptions options = config.secure(new HttpServerOptions()
                .setHost(config.host()).setPort(config.port())
                .setMaxWebSocketFrameSize(config.limits().hardFrameBytes())
                .setMaxWebSocketMessageSize(config.limits().hardFrameBytes()));
        Router httpRoutes = new HttpApi(services, templates, this::readiness).router(vertx);
        return new ServerParts(options, new WebSocketEndpoint(services), httpRoutes);
    }

    private Future<JsonObject> readiness() {
        JsonObject consumers = new JsonObject().put("answersAssigned", answers.isAssigned())
                .put("feedsAssigned", feeds.isAssigned()).put("specsLoaded", specs.isLoaded());
        boolean assigned = answers.isAssigned() && feeds.isAssigned() && specs.isLoaded();
        return probe.brokers(context)
                .map(n -> new JsonObject().put("ready", assigned && n > 0).put("kafka", new JsonObject()
                        .put("reachable", true).put("brokers", n)).put("consumers", consumers))
                .otherwise(e -> new JsonObject().put("ready", false).put("kafka", new JsonObject()
                        .put("reachable", false).put("error", String.valueOf(e))).put("consumers", consumers));
    }

    @Override
    public Future<?> stop() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.eventually(() -> vertx.executeBlocking(() -> {
            // Blocking joins and flushes, on a worker thread.
            if (answers != null) {
                answers.close();
            }
            if (feeds != null) {
                feeds.close();
            }
            if (models != null) {
                models.close();
            }
            if (specs != null) {
                specs.close();
            }
            if (specPublisher != null) {
                specPublisher.close();
            }
            if (publisher != null) {
                publisher.close();
            }
            if (probe != null) {
                probe.close();
            }
            return null;
        }));
    }

    /** Completes when the Kafka consumers are assigned and positioned (answers can be received). */
    public Future<Void> ready() {
        return ready.future();
    }

    public int port() {
        return server.actualPort();
    }

    public GatewayMetrics metrics() {
        return metrics;
    }
}
