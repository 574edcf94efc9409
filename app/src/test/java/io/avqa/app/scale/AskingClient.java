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
 * terminal and are ignored. When its gateway goes away, {@link #reconnect} moves it to another one and asks again
 * what is still unanswered, under the same ids (a ONCE question is a read, safe to repeat), as a client behind a
 * load balancer would.
 */
final class AskingClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final QuestionLedger ledger;
    private final AtomicInteger next = new AtomicInteger();
    private volatile String gateway;
    private volatile WebSocket socket;
    private volatile String closed;

    private AskingClient(String name, String gateway, QuestionLedger ledger, int port, String token) throws Exception {
        this.name = name;
        this.ledger = ledger;
        this.gateway = gateway;
        this.socket = open(port, token);
    }

    private WebSocket open(int port, String token) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?token=" + token), new Listener())
                .get(15, TimeUnit.SECONDS);
    }

    static AskingClient connect(String name, String gateway, int port, String token, QuestionLedger ledger)
            throws Exception {
        return new AskingClient(name, gateway, ledger, port, token);
    }

    /** Sends a ONCE question (recorded in the ledger before it leaves, so a fast reply finds it). */
    Asked ask(String stream, String question) throws Exception {
        return ask(stream, question, "once");
    }

    /**
     * Sends a question in {@code mode} ({@code once} or {@code standing}). A standing question's answers all go
     * to its ledger entry; its first is not its terminal reply, so give it a ledger of its own.
     */
    Asked ask(String stream, String question, String mode) throws Exception {
        Asked asked = new Asked(name + "-" + next.getAndIncrement(), stream, gateway, question, mode,
                System.currentTimeMillis());
        ledger.sent(asked);
        send(asked);
        return asked;
    }

    private synchronized void send(Asked asked) throws Exception {
        String message = JSON.writeValueAsString(Map.of("v", 1, "type", "ask", "id", asked.id(), "stream",
                asked.stream(), "question", asked.question(), "mode", asked.mode()));
        socket.sendText(message, true).get(10, TimeUnit.SECONDS);
    }

    /**
     * Opens a socket to another gateway (the old one is gone) and asks again, under their own ids, the questions
     * this client sent that have no terminal reply yet; returns how many. Throws when the gateway cannot be reached,
     * leaving the client closed.
     */
    synchronized int reconnect(String toGateway, int port, String token) throws Exception {
        socket.abort();
        socket = open(port, token);
        gateway = toGateway;
        closed = null;
        int again = 0;
        for (Asked a : ledger.all()) {
            if (a.id().startsWith(name + "-") && a.terminal() == null) {
                a.askedAgain();
                send(a);
                again++;
            }
        }
        return again;
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
            if (webSocket == socket) { // not the socket a reconnect replaced
                closed = "closed by the gateway: " + statusCode + " " + reason;
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (webSocket == socket) {
                closed = "failed: " + error;
            }
        }
    }
}
