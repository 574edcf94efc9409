package io.avqa.app.streams;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.avqa.app.ask.GatewayOptions;

/**
 * The gateway's stream API ({@code gateway/PROTOCOL.md}, "HTTP API") as {@code avqa streams} calls it, and what a
 * refusal means for the person at the terminal: each HTTP error becomes one line saying what to do next.
 */
final class StreamsApi {
    /** A reply: the HTTP status and the JSON body (an empty object when the body was not JSON). */
    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** The gateway could not be asked at all (unreachable, timed out). */
    static final class Unreachable extends Exception {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayOptions.Target target;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    StreamsApi(GatewayOptions.Target target) {
        this.target = target;
    }

    Reply list() throws Unreachable {
        return send(request("/api/streams").GET());
    }

    Reply add(String id, String source, double rate, boolean loop) throws Unreachable {
        String body = JSON.createObjectNode().put("id", id).put("source", source).put("rate", rate).put("loop", loop)
                .toString();
        return send(request("/api/streams").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply remove(String id) throws Unreachable {
        return send(request("/api/streams/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"))
                .DELETE());
    }

    private HttpRequest.Builder request(String path) throws Unreachable {
        try {
            return HttpRequest.newBuilder(URI.create(target.base() + path)).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + target.token());
        } catch (IllegalArgumentException e) {
            throw new Unreachable("--url " + target.url() + " is not a URL (" + e.getMessage() + ")", e);
        }
    }

    private Reply send(HttpRequest.Builder request) throws Unreachable {
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable("cannot reach the gateway at " + target.url() + " (" + GatewayOptions.rootMessage(e)
                    + "); is it running? Give its address with --url, or start `avqa demo`", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while waiting for the gateway", e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        return new Reply(response.statusCode(), body == null || !body.isObject() ? JSON.createObjectNode() : body);
    }

    /** One line for a refused request: what the gateway said and what to do next. */
    static String problem(Reply reply, String id) {
        String code = reply.body().path("code").asText("");
        String message = reply.body().path("message").asText("");
        return switch (reply.status()) {
            case 401 -> "the gateway refused the token (" + code + ": " + message + "); pass a valid one with --token"
                    + " or " + GatewayOptions.TOKEN_ENV;
            case 403 -> "ADMIN_REQUIRED".equals(code)
                    ? "this token has no admin grant: adding and removing streams needs a key marked +admin (avqa"
                            + " gateway --tokens 'KEY=*,+admin') or a JWT with \"admin\": true; pass it with --token"
                    : code + ": " + message;
            case 404 -> "no managed stream \"" + id + "\": `avqa streams list` shows the streams (only managed ones,"
                    + " added with `avqa streams add`, can be removed here)";
            case 409 -> "stream \"" + id + "\" already exists: remove it first (`avqa streams remove " + id + "`) or"
                    + " choose another --id";
            case 400 -> "the gateway refused the stream: " + message;
            default -> "the gateway answered HTTP " + reply.status() + (code.isEmpty() ? "" : " " + code)
                    + (message.isEmpty() ? "" : ": " + message);
        };
    }
}
