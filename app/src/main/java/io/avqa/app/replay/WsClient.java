package io.avqa.app.replay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A minimal client of the gateway's WebSocket protocol (PROTOCOL.md), as an external program would use it:
 * {@link #ask} sends an {@code ask} and completes with the terminal {@code answer} or {@code error} of
 * that request id.
 */
final class WsClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

    private WsClient(WebSocket socket) {
        this.socket = socket;
    }

    static WsClient connect(int port, String token) throws Exception {
        Listener listener = new Listener();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?token=" + token), listener).get(10, TimeUnit.SECONDS);
        WsClient client = new WsClient(socket);
        listener.client = client;
        return client;
    }

    /** Sends a ONCE question; the future completes with its answer (or error) message. */
    CompletableFuture<JsonNode> ask(String id, String stream, String question) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        waiting.put(id, reply);
        try {
            String message = JSON.writeValueAsString(Map.of("v", 1, "type", "ask", "id", id, "stream", stream,
                    "question", question, "mode", "once"));
            synchronized (socket) {
                socket.sendText(message, true).get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            waiting.remove(id);
            reply.completeExceptionally(e);
        }
        return reply;
    }

    private void onMessage(JsonNode message) {
        String type = message.path("type").asText();
        if (type.equals("answer") || type.equals("error")) {
            CompletableFuture<JsonNode> reply = waiting.remove(message.path("id").asText());
            if (reply != null) {
                reply.complete(message);
            }
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        volatile WsClient client;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (client != null) {
                        client.onMessage(message);
                    }
                } catch (Exception e) {
                    // Not JSON: nothing to match it to; the asking side times out and reports it.
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
