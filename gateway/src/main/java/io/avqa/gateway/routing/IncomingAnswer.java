package io.avqa.gateway.routing;

import io.avqa.gateway.protocol.ServerMessages;
import io.avqa.schemas.Answer;

/**
 * An answer from Kafka together with its {@code answer} message already encoded as JSON without the
 * client's {@code id}. Encoding happens on the Kafka consumer thread, so the event loop only splices in
 * the id ({@link ServerMessages#withId}): at a thousand answers per second that is most of the per-answer
 * work kept off the event loop.
 */
public record IncomingAnswer(Answer answer, String json) {
    public static IncomingAnswer of(Answer answer) {
        return new IncomingAnswer(answer, ServerMessages.answer(null, answer).encode());
    }
}
