package io.avqa.reasoner.stream;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.avqa.schemas.DeadLetter;
import io.avqa.schemas.topic.DeadLetters;

/**
 * Sends an input record that cannot be used to the dead-letter topic with where it came from and why, so it is
 * never silently dropped and the stream thread goes on with the next record.
 */
public final class DeadLetterRoute {
    /** The stage name written into every dead letter of this service. */
    public static final String STAGE = "reasoner";

    private final String sink;
    private long count;

    public DeadLetterRoute(String sink) {
        this.sink = sink;
    }

    public void send(ProcessorContext<Object, Object> context, Record<byte[], byte[]> record, String reason) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("?");
        int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        DeadLetter letter = DeadLetters.of(topic, partition, offset, record.key(), record.value(), STAGE, reason);
        context.forward(new Record<Object, Object>(record.key(), letter, record.timestamp()), sink);
        count++;
    }

    /** Dead letters sent by this processor instance. */
    public long count() {
        return count;
    }
}
