package io.avqa.gateway.support;

import java.util.concurrent.TimeUnit;

import io.avqa.gateway.Warmup;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * Loads the classes of a WebSocket/HTTP exchange once per test JVM on a throwaway, unchecked Vert.x: the
 * first exchange loads a few thousand Netty and Vert.x classes, which on a busy 2-core machine can hold an
 * event loop for over half a second. That is warm-up, not blocking, so it happens before the checked
 * Vert.x of the tests starts.
 */
final class JvmWarmup {
    private static boolean done;

    private JvmWarmup() {
    }

    static synchronized void once() {
        if (done) {
            return;
        }
        Warmup.run();
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            router.get("/").handler(ctx -> ctx.json(new io.vertx.core.json.JsonObject().put("warm", true)));
            var server = vertx.createHttpServer().webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
                    .requestHandler(router);
            int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                    .actualPort();
            var client = vertx.createWebSocketClient();
            client.connect(port, "127.0.0.1", "/").compose(ws -> {
                var echoed = io.vertx.core.Promise.<String>promise();
                ws.textMessageHandler(echoed::tryComplete);
                ws.writeTextMessage("{\"v\":1}");
                return echoed.future().compose(x -> ws.close());
            }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            HttpClient http = vertx.createHttpClient();
            http.request(HttpMethod.GET, port, "127.0.0.1", "/").compose(r -> r.send()).compose(r -> r.body())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            done = true;
        } catch (Exception e) {
            throw new IllegalStateException("warm-up exchange failed", e);
        } finally {
            vertx.close();
        }
    }
}
