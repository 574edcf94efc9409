package io.avqa.gateway.support;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * A real WebSocket client for tests: sends protocol messages and lets the test wait for the first
 * received message matching a predicate ({@link #expect}), whether it came before or after the call.
 * Matched messages are consumed, so two expectations never match the same message.
 */
public final class WsTestClient {
    private final WebSocketClient client;
    private final WebSocket socket;
    private final List<JsonObject> unmatched = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final Promise<Short> closed = Promise.promise();
    private int received;

    private record Waiter(Predicate<JsonObject> predicate, Promise<JsonObject> promise) {
    }

    private WsTestClient(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> onMessage(new JsonObject(text)));
        socket.closeHandler(v -> closed.tryComplete(socket.closeStatusCode()));
    }

    public static Future<WsTestClient> connect(Vertx vertx, int port, String token) {
        return connect(vertx, port, token, new WebSocketClientOptions());
    }

    public static Future<WsTestClient> connect(Vertx vertx, int port, String token, WebSocketClientOptions options) {
        WebSocketClient client = vertx.createWebSocketClient(options.setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
        WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI("/ws");
        if (token != null) {
            connect.addHeader("Authorization", "Bearer " + token);
        }
        return client.connect(connect).map(ws -> new WsTestClient(client, ws));
    }

    public WebSocket socket() {
        return socket;
    }

    public WsTestClient send(JsonObject message) {
        socket.writeTextMessage(message.encode());
        return this;
    }

    public WsTestClient sendText(String text) {
        socket.writeTextMessage(text);
        return this;
    }

    /** The first message (already received or future) matching {@code predicate}. */
    public synchronized Future<JsonObject> expect(Predicate<JsonObject> predicate) {
        for (Iterator<JsonObject> it = unmatched.iterator(); it.hasNext();) {
            JsonObject m = it.next();
            if (predicate.test(m)) {
                it.remove();
                return Future.succeededFuture(m);
            }
        }
        Promise<JsonObject> promise = Promise.promise();
        waiters.add(new Waiter(predicate, promise));
        return promise.future();
    }

    /** The first message answering the client message {@code id} with this {@code type}. */
    public Future<JsonObject> expect(String type, String id) {
        return expect(m -> type.equals(m.getString("type")) && id.equals(m.getString("id")));
    }

    /** Sends {@code ping} and waits for the {@code pong}: proves the connection is still usable. */
    public Future<JsonObject> roundTripPing(String id) {
        send(Messages.ping(id));
        return expect("pong", id);
    }

    public Future<Short> closed() {
        return closed.future();
    }

    public synchronized int received() {
        return received;
    }

    public synchronized List<JsonObject> unmatched() {
        return List.copyOf(unmatched);
    }

    public Future<Void> close() {
        return socket.close().eventually(client::close);
    }

    private synchronized void onMessage(JsonObject message) {
        received++;
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
            Waiter w = it.next();
            if (w.predicate().test(message)) {
                it.remove();
                w.promise().complete(message);
                return;
            }
        }
        unmatched.add(message);
    }
}
