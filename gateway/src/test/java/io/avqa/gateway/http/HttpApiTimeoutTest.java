package io.avqa.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.avqa.gateway.GatewayServices;
import io.avqa.gateway.limits.Limits;
import io.avqa.gateway.metrics.GatewayMetrics;
import io.avqa.gateway.support.Http;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;

/** A GET the gateway cannot serve ends in a 503 that says so, instead of holding the client's connection. */
@ExtendWith(VertxExtension.class)
class HttpApiTimeoutTest {

    @Test
    void aReadinessProbeThatNeverCompletesIsAnswered503(Vertx vertx, VertxTestContext ctx) {
        GatewayServices services = new GatewayServices(vertx, "gw-timeout", Limits.defaults(), null, null, null, null,
                new GatewayMetrics("gw-timeout"), null);
        Promise<JsonObject> never = Promise.promise();
        HttpApi api = new HttpApi(services, new QuestionTemplates(), never::future, 300);
        HttpServer server = vertx.createHttpServer().requestHandler(api.router(vertx));
        server.listen(0, "127.0.0.1")
                .compose(s -> new Http(s.actualPort()).get("/ready", null))
                .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    assertEquals(503, r.status(), r.body());
                    assertTrue(r.json().getString("reason").startsWith("no response within 300 ms"), r.body());
                    ctx.completeNow();
                })));
    }
}
