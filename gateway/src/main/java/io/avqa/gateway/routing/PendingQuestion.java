package io.avqa.gateway.routing;

import io.avqa.gateway.protocol.AskMode;

/**
 * A question this gateway instance wrote to Kafka and still owes a terminal reply for.
 *
 * @param questionId    the UUID the gateway chose; answers carry it
 * @param clientId      the client's message id of the {@code ask}, echoed on every reply (may be null over HTTP)
 * @param stream        the stream asked about
 * @param mode          ONCE (ends with its first answer) or STANDING (ends when an answer says final, or on cancel)
 * @param acceptedNanos {@link System#nanoTime()} when accepted, for the reply latency metric
 */
public record PendingQuestion(String questionId, String clientId, String stream, AskMode mode, long acceptedNanos) {
}
