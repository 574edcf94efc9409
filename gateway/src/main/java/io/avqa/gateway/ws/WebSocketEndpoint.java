package io.avqa.gateway.ws;

import io.avqa.gateway.GatewayServices;
import io.avqa.gateway.auth.BearerToken;
import io.avqa.gateway.auth.Grant;
import io.avqa.gateway.protocol.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;

/**
 * The {@code /ws} endpoint: admits WebSocket upgrades on that path only (others get 404 in the
 * handshake), authenticates the token given in the {@code Authorization} header or {@code ?token=}
 * query, then hands the socket to a {@link ClientSession}. A missing or refused token does not reject
 * the upgrade: the session reports it and waits for an {@code auth} message, so browsers get a
 * readable error instead of a failed handshake.
 */
public final class WebSocketEndpoint {
    public static final String PATH = "/ws";

    private final GatewayServices services;
    private long connections;

    public WebSocketEndpoint(GatewayServices services) {
        this.services = services;
    }

    /** Installs the handshake and socket handlers on the server. */
    public void install(HttpServer server) {
        server.webSocketHandshakeHandler(this::handshake);
        server.webSocketHandler(this::connected);
    }

    private void handshake(ServerWebSocketHandshake handshake) {
        if (PATH.equals(handshake.path())) {
            handshake.accept();
        } else {
            handshake.reject(404);
        }
    }

    private void connected(ServerWebSocket socket) {
        // Hold incoming messages until the token is checked (a JWT check completes asynchronously).
        socket.pause();
        long number = ++connections;
        String token = BearerToken.from(socket.headers(), socket.query());
        Future<Grant> auth = token == null ? Future.succeededFuture(null) : services.authenticator().authenticate(token);
        auth.onComplete(ar -> {
            ClientSession session = new ClientSession(socket, services, number);
            if (ar.succeeded()) {
                session.start(ar.result(), null);
            } else {
                GatewayError error = ClientSession.asError(ar.cause());
                session.start(null, error);
            }
            socket.resume();
        });
    }
}
