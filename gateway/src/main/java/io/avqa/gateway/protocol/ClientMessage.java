package io.avqa.gateway.protocol;

/**
 * A message from a WebSocket client, already parsed and checked for shape (see {@link MessageParser}).
 * Every variant carries the client's {@code id}, echoed on each reply so clients can match them.
 */
public sealed interface ClientMessage {
    /** The client's id for this message; never null (the parser requires it). */
    String id();

    /** Ask a question about a stream, once or standing. */
    record Ask(String id, String stream, String question, AskMode mode) implements ClientMessage {
    }

    /** Stop a standing question (or abandon a pending one) by the questionId of its {@code accepted} reply. */
    record Cancel(String id, String questionId) implements ClientMessage {
    }

    /** Receive the stream's {@code status} and {@code insight} messages. */
    record Subscribe(String id, String stream) implements ClientMessage {
    }

    /** Stop receiving a stream's status and insights. */
    record Unsubscribe(String id, String stream) implements ClientMessage {
    }

    /** Liveness check; answered by {@code pong}. */
    record Ping(String id) implements ClientMessage {
    }

    /** Authenticate a socket opened without a token (browsers cannot set headers on WebSockets). */
    record Authenticate(String id, String token) implements ClientMessage {
    }
}
