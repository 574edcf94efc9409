package io.avqa.features.service;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.avqa.schemas.Segment;

/** A consumed record, what its bytes decoded to (a segment, or why it is corrupt), and when it was polled. */
record Polled(ConsumerRecord<byte[], byte[]> record, Segment segment, String corruption, long arrivalNanos) {
}
