package io.avqa.app.scale;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One WebSocket client of a gateway, as a program would use it (gateway/PROTOCOL.md): sends ONCE
 * {@code ask}s with its own request ids and files every terminal reply ({@code answer} or {@code error})
 * in the {@link QuestionLedger}. Intermediate messages ({@code accepted}, {@code authenticated}) are not
 * terminal and are ignored.
 */
final class AskingClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String gateway;
    private final QuestionLedger ledger;
    private final AtomicInteger next = new AtomicInteger();
    private final WebSocket socket;
    private volatile String closed;

    private AskingClient(String name, String gateway, QuestionLedger ledger, int port, String token) throws Exception {
        this.name = name;
        this.gateway = gateway;
        this.ledger = ledger;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?token=" + token), new Listener())
                .get(15, TimeUnit.SECONDS);
    }

    static AskingClient connect(String name, String gateway, int port, String token, QuestionLedger ledger)
            throws Exception {
        return new AskingClient(name, gateway, ledger, port, token);
    }

    /** Sends a ONCE question (recorded in the ledger before it leaves, so a fast reply finds it). */
    Asked ask(String stream, String question) throws Exception {
        Asked asked = new Asked(name + "-" + next.getAndIncrement(), stream, gateway, question, System.currentTimeMillis());
        ledger.sent(asked);
        String message = JSON.writeValueAsString(Map.of("v", 1, "type", "ask", "id", asked.id(), "stream", stream,
                "question", question, "mode", "once"));
        synchronized (socket) {
            socket.sendText(message, true).get(10, TimeUnit.SECONDS);
        }
        return asked;
    }

    /** Why the socket closed, or null while it is open. */
    String closed() {
        return closed;
    }

    String name() {
        return name;
    }

    /** The name of the gateway this client talks to. */
    String gateway() {
        return gateway;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.currentTimeMillis();
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    String type = message.path("type").asText();
                    if (type.equals("answer") || type.equals("error")) {
                        ledger.received(message, now);
                    }
                } catch (Exception e) {
                    // Not JSON: it cannot be matched to a question, which then shows up as missing.
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = "closed by the gateway: " + statusCode + " " + reason;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = "failed: " + error;
        }
    }
}
