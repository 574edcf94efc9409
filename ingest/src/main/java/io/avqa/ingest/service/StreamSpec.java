package io.avqa.ingest.service;

import io.avqa.ingest.source.Source;

/**
 * One stream an ingest process runs.
 *
 * @param streamId the key of all its records
 * @param source   where its media comes from
 * @param rate     replay speed of recorded sources: 1 = real time, 2 = twice as fast, 0 = as fast as possible
 * @param loop     replay a recorded source forever (seq keeps counting up)
 */
public record StreamSpec(String streamId, Source source, double rate, boolean loop) {
    public StreamSpec {
        if (streamId == null || streamId.isBlank() || streamId.length() > 128) {
            throw new IllegalArgumentException("stream id must be 1..128 characters, got '" + streamId + "'");
        }
        if (rate < 0 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("rate must be >= 0 (0 = as fast as possible), got " + rate);
        }
    }
}
