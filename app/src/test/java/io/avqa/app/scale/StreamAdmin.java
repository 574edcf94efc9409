package io.avqa.app.scale;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A gateway's stream API as an operator's program uses it ({@code POST /api/streams}, {@code DELETE
 * /api/streams/{id}}, gateway/PROTOCOL.md), with a token holding the admin grant. Every call must succeed; a
 * refusal fails the run with the gateway's own message.
 */
final class StreamAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final String token;

    StreamAdmin(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /**
     * Adds a stream (201 once Kafka has the spec). A gateway answers 503 until it has read the spec topic at start;
     * that is retried for up to 30 s.
     */
    void add(String id, String source, boolean loop) throws Exception {
        String body = JSON.writeValueAsString(Map.of("id", id, "source", source, "rate", 1, "loop", loop));
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            HttpResponse<String> r = HTTP.send(request("/api/streams").POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() == 201) {
                return;
            }
            if (r.statusCode() != 503 || System.currentTimeMillis() > deadline) {
                throw new AssertionError("add " + id + ": expected HTTP 201, got " + r.statusCode() + ": " + r.body());
            }
            Waits.untilTime(System.currentTimeMillis() + 500);
        }
    }

    /** Removes a managed stream (200 once Kafka has the tombstone). */
    void remove(String id) throws Exception {
        expect(200, request("/api/streams/" + id).DELETE(), "remove " + id);
    }

    /** The stream's view ({@code GET /api/streams/{id}}): its spec and latest status. */
    com.fasterxml.jackson.databind.JsonNode view(String id) throws Exception {
        HttpResponse<String> r = HTTP.send(request("/api/streams/" + id).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return JSON.readTree(r.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(15));
    }

    private static void expect(int status, HttpRequest.Builder request, String what) throws Exception {
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != status) {
            throw new AssertionError(what + ": expected HTTP " + status + ", got " + r.statusCode() + ": " + r.body());
        }
    }
}
