package io.avqa.gateway.routing;

import io.avqa.gateway.protocol.GatewayError;

/**
 * Where the replies of one question go (a WebSocket session, or a waiting HTTP request). Called on the
 * gateway's context. For each question exactly one call has {@code terminal == true} or is
 * {@link #failed}: after it, nothing more is delivered for that question.
 */
public interface Recipient {
    /** An answer; {@code terminal} is true for the last one (a ONCE answer, or a final standing update). */
    void answer(PendingQuestion question, IncomingAnswer answer, boolean terminal);

    /** The question ended without an answer (TIMEOUT, KAFKA_UNAVAILABLE): the terminal reply. */
    void failed(PendingQuestion question, GatewayError error);
}
