package io.avqa.gateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.vertx.core.Future;

/**
 * A minimal HTTP client for tests, on the JDK's client rather than Vert.x's: in CI a request sent through a Vert.x
 * client sharing the gateway's Vert.x instance now and then got no response and none of that client's own timers
 * fired for the whole 30 s of its test, while the gateway logged nothing and answered the next test at once. Here
 * every request has its own time limit, and a GET (safe to repeat) that hits it is tried once more, saying so.
 */
public final class Http {
    /** A response: status code, content type and body text. */
    public record Response(int status, String contentType, String body) {
        public io.vertx.core.json.JsonObject json() {
            return new io.vertx.core.json.JsonObject(body);
        }
    }

    /** The gateway answers every GET within its own 10-s limit. */
    static final long GET_LIMIT_MS = 12_000;
    static final long OTHER_LIMIT_MS = 20_000;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    public Http(int port) {
        this.port = port;
    }

    /** A GET; one without a response within {@link #GET_LIMIT_MS} is tried once more, then fails naming the URI. */
    public Future<Response> get(String uri, String token) {
        return send("GET", uri, token, null, GET_LIMIT_MS).recover(first -> {
            System.err.println("Http: GET " + uri + " got no response (" + first + "); trying once more");
            return send("GET", uri, token, null, GET_LIMIT_MS);
        }).recover(e -> Future.failedFuture(new AssertionError("GET " + uri + ": " + e, e)));
    }

    /** A GET that fails after {@code limitMs} without a response, for polling loops that retry. */
    public Future<Response> get(String uri, String token, long limitMs) {
        return send("GET", uri, token, null, limitMs);
    }

    public Future<Response> post(String uri, String token, String body) {
        return send("POST", uri, token, body, OTHER_LIMIT_MS);
    }

    public Future<Response> delete(String uri, String token) {
        return send("DELETE", uri, token, null, OTHER_LIMIT_MS);
    }

    private Future<Response> send(String method, String uri, String token, String body, long limitMs) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + uri))
                .timeout(Duration.ofMillis(limitMs))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Future.fromCompletionStage(client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).thenApply(r -> new Response(r.statusCode(),
                        r.headers().firstValue("Content-Type").orElse(null), r.body())));
    }

    /** Nothing to release: the JDK client's connections close with it (Java 17 has no shutdown). */
    public Future<Void> close() {
        return Future.succeededFuture();
    }
}
