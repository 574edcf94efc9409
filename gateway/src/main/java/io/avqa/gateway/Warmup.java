package io.avqa.gateway;

import java.util.List;

import io.avqa.gateway.protocol.ServerMessages;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.avqa.schemas.codec.Contracts;

/**
 * Loads and initialises the classes the event loop will use on its first answer (Avro schemas and
 * builders, Jackson, the JSON encoders). Class initialisation of Avro alone takes about half a second on
 * a small machine; done lazily it would block the event loop on the first message. Run it on a worker.
 */
public final class Warmup {
    private Warmup() {
    }

    public static void run() {
        Answer answer = Answer.newBuilder().setQuestionId("warmup").setStreamId("warmup").setReplyTo("warmup")
                .setStatus(AnswerStatus.OK).setTemporalAudio(List.of(0f)).build();
        try {
            for (var codec : Contracts.ALL) {
                codec.schema();
            }
            Contracts.ANSWER.decode(Contracts.ANSWER.encode(answer));
        } catch (Exception e) {
            throw new IllegalStateException("the Avro codecs do not round-trip an Answer: " + e.getMessage(), e);
        }
        ServerMessages.answer("warmup", answer).encode();
    }
}
