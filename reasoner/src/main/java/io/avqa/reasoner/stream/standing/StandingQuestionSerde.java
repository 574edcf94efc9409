package io.avqa.reasoner.stream.standing;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.codec.RecordDecodeException;

/** Store and changelog format: the question and the last answer, each in the avqa wire format, length-prefixed. */
public final class StandingQuestionSerde implements Serde<StandingQuestion> {

    @Override
    public Serializer<StandingQuestion> serializer() {
        return (topic, s) -> {
            if (s == null) {
                return null;
            }
            byte[] q = Contracts.QUESTION.encode(s.question());
            byte[] a = Contracts.ANSWER.encode(s.last());
            return ByteBuffer.allocate(8 + q.length + a.length).putInt(q.length).put(q).putInt(a.length).put(a)
                    .array();
        };
    }

    @Override
    public Deserializer<StandingQuestion> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte[] q = new byte[b.getInt()];
            b.get(q);
            byte[] a = new byte[b.getInt()];
            b.get(a);
            try {
                return new StandingQuestion(Contracts.QUESTION.decode(q), Contracts.ANSWER.decode(a));
            } catch (RecordDecodeException e) {
                throw new SerializationException("corrupt standing question in the state store: " + e.getMessage(), e);
            }
        };
    }
}
