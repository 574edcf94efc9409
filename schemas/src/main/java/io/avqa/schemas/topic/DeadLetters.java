package io.avqa.schemas.topic;

import java.nio.ByteBuffer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.avqa.schemas.DeadLetter;

/** Builds dead-letter records: the original bytes, where they came from, who rejected them and why. */
public final class DeadLetters {
    private DeadLetters() {
    }

    public static DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value, String stage,
            String reason) {
        return DeadLetter.newBuilder()
                .setTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setStage(stage)
                .setReason(reason)
                .setFailedMs(System.currentTimeMillis())
                .build();
    }

    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record, String stage, String reason) {
        return of(record.topic(), record.partition(), record.offset(), record.key(), record.value(), stage, reason);
    }

    /** A producer record for {@code topics.dlq()}, keyed by the original key bytes. */
    public static ProducerRecord<byte[], DeadLetter> record(Topics topics, DeadLetter letter) {
        byte[] key = letter.getKey() == null ? null : toArray(letter.getKey());
        return new ProducerRecord<>(topics.dlq().name(), key, letter);
    }

    private static byte[] toArray(ByteBuffer buffer) {
        ByteBuffer dup = buffer.duplicate();
        byte[] bytes = new byte[dup.remaining()];
        dup.get(bytes);
        return bytes;
    }
}
