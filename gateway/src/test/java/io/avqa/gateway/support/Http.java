package io.avqa.gateway.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/** A minimal HTTP client for tests over Vert.x core's client. */
public final class Http {
    /** A response: status code, content type and body text. */
    public record Response(int status, String contentType, String body) {
        public io.vertx.core.json.JsonObject json() {
            return new io.vertx.core.json.JsonObject(body);
        }
    }

    static final long GET_IDLE_MS = 12_000;

    private final HttpClient client;
    private final int port;

    public Http(Vertx vertx, int port) {
        this.client = vertx.createHttpClient();
        this.port = port;
    }

    /**
     * A GET; one that gets no byte of response in {@link #GET_IDLE_MS} is tried once more (and says so on stderr),
     * then fails naming the URI. The gateway answers every GET within its own 10-s limit, so a retry covers only
     * this client's side: twice in this project's CI a request got no answer at all and the test waited its 30 s.
     */
    public Future<Response> get(String uri, String token) {
        return send(HttpMethod.GET, uri, token, null, GET_IDLE_MS).recover(first -> {
            System.err.println("Http: GET " + uri + " got no response (" + first + "); trying once more");
            return send(HttpMethod.GET, uri, token, null, GET_IDLE_MS);
        }).recover(e -> Future.failedFuture(new AssertionError("GET " + uri + ": " + e, e)));
    }

    /** A GET that fails after {@code idleTimeoutMs} without a byte of response, for polling loops that retry. */
    public Future<Response> get(String uri, String token, long idleTimeoutMs) {
        return send(HttpMethod.GET, uri, token, null, idleTimeoutMs);
    }

    public Future<Response> post(String uri, String token, String body) {
        return send(HttpMethod.POST, uri, token, body);
    }

    public Future<Response> delete(String uri, String token) {
        return send(HttpMethod.DELETE, uri, token, null);
    }

    private Future<Response> send(HttpMethod method, String uri, String token, String body) {
        return send(method, uri, token, body, 0);
    }

    /**
     * A request that gets no connection from the client's pool within {@link #CONNECTION_WAIT_MS} was never sent, so
     * it is safe to try once more whatever its method (and says so on stderr): in CI a request sometimes waited for
     * a connection for the whole 30 s of its test, with nothing on the wire and nothing in the gateway's log.
     */
    private Future<Response> send(HttpMethod method, String uri, String token, String body, long idleTimeoutMs) {
        return attempt(method, uri, token, body, idleTimeoutMs).recover(first -> {
            if (!(first instanceof NoConnection)) {
                return Future.failedFuture(first);
            }
            System.err.println("Http: " + method + " " + uri + " got no connection (" + first.getMessage()
                    + "); trying once more");
            return attempt(method, uri, token, body, idleTimeoutMs);
        });
    }

    static final long CONNECTION_WAIT_MS = 8_000;

    /** The client gave no connection in time: the request was not sent. */
    private static final class NoConnection extends RuntimeException {
        NoConnection(Throwable cause) {
            super(cause.toString(), cause);
        }
    }

    private Future<Response> attempt(HttpMethod method, String uri, String token, String body, long idleTimeoutMs) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri)
                .setConnectTimeout(CONNECTION_WAIT_MS);
        if (idleTimeoutMs > 0) {
            options.setIdleTimeout(idleTimeoutMs);
        }
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        return client.request(options)
                .recover(e -> Future.failedFuture(new NoConnection(e)))
                .compose(req -> body == null ? req.send() : req.putHeader("Content-Type", "application/json")
                        .send(Buffer.buffer(body)))
                .compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), resp.getHeader("Content-Type"),
                        b.toString())));
    }

    public Future<Void> close() {
        return client.close();
    }
}
