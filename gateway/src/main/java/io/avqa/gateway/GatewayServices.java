package io.avqa.gateway;

import io.avqa.gateway.auth.TokenAuthenticator;
import io.avqa.gateway.feed.StreamDirectory;
import io.avqa.gateway.limits.ConnectionCounter;
import io.avqa.gateway.limits.Limits;
import io.avqa.gateway.metrics.GatewayMetrics;
import io.avqa.gateway.routing.QuestionDesk;
import io.avqa.gateway.specs.StreamAdmin;
import io.vertx.core.Vertx;

/**
 * The parts a WebSocket session or HTTP route needs, built once per gateway instance by
 * {@link GatewayVerticle}. All of them are confined to the gateway's context.
 */
public record GatewayServices(Vertx vertx, String instanceId, Limits limits, TokenAuthenticator authenticator,
        QuestionDesk desk, StreamDirectory directory, ConnectionCounter connections, GatewayMetrics metrics,
        StreamAdmin streamAdmin) {
}
