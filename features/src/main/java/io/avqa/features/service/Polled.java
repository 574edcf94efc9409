package io.avqa.features.service;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.avqa.schemas.Segment;

/** A consumed record and what its bytes decoded to: a segment, or the reason it is corrupt. */
record Polled(ConsumerRecord<byte[], byte[]> record, Segment segment, String corruption) {
}
