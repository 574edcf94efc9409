package io.avqa.schemas.codec;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Kafka serde over an {@link AvroCodec}. A decode failure surfaces as {@link CorruptRecordError}, a
 * {@link SerializationException} Kafka Streams hands to its deserialization exception handler (ours
 * forwards to the dead-letter topic). Plain consumers should read bytes and call the codec directly.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final AvroCodec<T> codec;

    public AvroSerde(AvroCodec<T> codec) {
        this.codec = codec;
    }

    public AvroCodec<T> codec() {
        return codec;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> record == null ? null : codec.encode(record);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null; // a tombstone on a compacted topic
            }
            try {
                return codec.decode(bytes);
            } catch (RecordDecodeException e) {
                throw new CorruptRecordError(topic, e);
            }
        };
    }

    /** The unchecked form of {@link RecordDecodeException}, for Kafka's serde interfaces. */
    public static final class CorruptRecordError extends SerializationException {
        public CorruptRecordError(String topic, RecordDecodeException cause) {
            super("on " + topic + ": " + cause.getMessage(), cause);
        }
    }
}
