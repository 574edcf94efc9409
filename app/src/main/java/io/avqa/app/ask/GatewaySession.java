package io.avqa.app.ask;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One WebSocket connection to a gateway ({@code /ws}, PROTOCOL.md), as any external client would hold it:
 * messages are sent as JSON text and every message received is queued for the caller to take in order.
 */
final class GatewaySession implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> inbox;

    private GatewaySession(WebSocket socket, BlockingQueue<JsonNode> inbox) {
        this.socket = socket;
        this.inbox = inbox;
    }

    /** Connects to {@code baseUrl} (http or https; ws/wss is derived) with the token; waits up to 10 s. */
    static GatewaySession connect(String baseUrl, String token) throws Exception {
        String ws = baseUrl.replaceFirst("^http", "ws").replaceAll("/+$", "") + "/ws?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(ws), new Listener(inbox)).get(10, TimeUnit.SECONDS);
        return new GatewaySession(socket, inbox);
    }

    void send(Map<String, Object> message) throws Exception {
        synchronized (socket) {
            socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        }
    }

    /** The next message of type {@code answer}, {@code error} or {@code accepted} for {@code id}; null on timeout. */
    JsonNode next(String id, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            JsonNode m = left <= 0 ? null : inbox.poll(left, TimeUnit.MILLISECONDS);
            if (m == null) {
                return null;
            }
            String type = m.path("type").asText();
            boolean about = id.equals(m.path("id").asText());
            if (type.equals("error") && !m.has("id")) {
                return m; // a connection-level error (bad token): nothing else will come
            }
            if (about && (type.equals("answer") || type.equals("error") || type.equals("accepted"))) {
                return m;
            }
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null);
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> inbox;
        private final StringBuilder partial = new StringBuilder();

        Listener(BlockingQueue<JsonNode> inbox) {
            this.inbox = inbox;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    inbox.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    inbox.add(JSON.createObjectNode().put("type", "error").put("code", "NOT_JSON")
                            .put("message", "the gateway sent a message that is not JSON: " + e.getMessage()));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
