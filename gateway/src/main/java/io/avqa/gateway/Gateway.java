package io.avqa.gateway;

import io.avqa.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A running gateway instance: start one with {@link #start}, wait for {@link #ready()} before relying on
 * answers, {@link #close()} it when done. Used by the CLI, {@code avqa demo} and the tests.
 *
 * <pre>{@code
 * Gateway.start(vertx, GatewayConfig.of("127.0.0.1:9092", Topics.defaults(), "gw-1", StaticTokens.parse("s3cret=*")))
 *        .compose(Gateway::ready) ...
 * }</pre>
 */
public final class Gateway {
    private final Vertx vertx;
    private final String deploymentId;
    private final GatewayVerticle verticle;
    private final GatewayConfig config;

    private Gateway(Vertx vertx, String deploymentId, GatewayVerticle verticle, GatewayConfig config) {
        this.vertx = vertx;
        this.deploymentId = deploymentId;
        this.verticle = verticle;
        this.config = config;
    }

    /** Deploys the gateway; completes when it listens (Kafka may still be connecting: see {@link #ready()}). */
    public static Future<Gateway> start(Vertx vertx, GatewayConfig config) {
        GatewayVerticle verticle = new GatewayVerticle(config);
        return vertx.deployVerticle(verticle).map(id -> new Gateway(vertx, id, verticle, config));
    }

    /** Completes with this gateway once its Kafka consumers are positioned. */
    public Future<Gateway> ready() {
        return verticle.ready().map(v -> this);
    }

    public int port() {
        return verticle.port();
    }

    public String instanceId() {
        return config.instanceId();
    }

    public GatewayConfig config() {
        return config;
    }

    public GatewayMetrics metrics() {
        return verticle.metrics();
    }

    /** The dashboard URL for a token, e.g. {@code http://127.0.0.1:8080/?token=...} ({@code https} with TLS). */
    public String dashboardUrl(String token) {
        return config.scheme() + "://" + config.host() + ":" + port() + "/" + (token == null ? "" : "?token="
                + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
    }

    public Future<Void> close() {
        return vertx.undeploy(deploymentId);
    }
}
