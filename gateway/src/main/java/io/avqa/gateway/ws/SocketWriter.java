package io.avqa.gateway.ws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.gateway.metrics.GatewayMetrics;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * Writes messages to one WebSocket while watching its write queue. A client that reads slower than the
 * gateway writes (its queue is full when the next message is due) is closed with 1013 "Try Again Later"
 * instead of letting the gateway buffer without bound: memory per socket stays below the queue size
 * plus one message.
 */
final class SocketWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SocketWriter.class);
    static final short TRY_AGAIN_LATER = 1013;

    private final ServerWebSocket socket;
    private final GatewayMetrics metrics;
    private boolean closed;

    SocketWriter(ServerWebSocket socket, int writeQueueBytes, GatewayMetrics metrics) {
        this.socket = socket;
        this.metrics = metrics;
        socket.setWriteQueueMaxSize(writeQueueBytes);
    }

    /** @return false when the message was not written (socket closed, or closed now for being slow) */
    boolean send(JsonObject message) {
        return send(message.encode());
    }

    /** Sends an already encoded message (see {@code ServerMessages.withId}). */
    boolean send(String message) {
        if (closed || socket.isClosed()) {
            return false;
        }
        if (socket.writeQueueFull()) {
            closed = true;
            metrics.slowConsumerClosed();
            LOG.info("closing WebSocket from {}: its write queue is full (client too slow)", socket.remoteAddress());
            socket.close(TRY_AGAIN_LATER, "client too slow: write queue full");
            return false;
        }
        socket.writeTextMessage(message);
        return true;
    }

    /** Closes with a code and reason (e.g. 1008 policy violation) after the messages already written. */
    void close(short code, String reason) {
        if (!closed) {
            closed = true;
            socket.close(code, reason);
        }
    }

    boolean isClosed() {
        return closed || socket.isClosed();
    }
}
