package io.avqa.gateway.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.avqa.gateway.Gateway;
import io.avqa.gateway.GatewayConfig;
import io.avqa.gateway.auth.StaticTokens;
import io.avqa.gateway.limits.Limits;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Starts gateways on the embedded test broker, on port 0, and waits until their consumers are positioned. */
public final class GatewayFixture {
    private GatewayFixture() {
    }

    public static GatewayConfig config(String bootstrapServers, Topics topics, String instanceId, String tokens,
            Duration answerTimeout, Limits limits, String jwtSecret) {
        return new GatewayConfig("127.0.0.1", 0, instanceId, bootstrapServers, topics, answerTimeout, limits,
                StaticTokens.parse(tokens), jwtSecret);
    }

    /** Blocking (test setup thread only): starts the gateway and waits up to 60 s for it to be ready. */
    public static Gateway startReady(Vertx vertx, GatewayConfig config) throws Exception {
        return Gateway.start(vertx, config).compose(Gateway::ready).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }

    /** Blocking (test thread only). */
    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
