package io.avqa.ingest.kafka;

import io.avqa.schemas.Segment;
import io.avqa.schemas.StreamStatus;

/** Where a stream runner delivers its segments and status changes (Kafka in the service). */
public interface SegmentSink {
    void publish(Segment segment);

    void publish(StreamStatus status);
}
