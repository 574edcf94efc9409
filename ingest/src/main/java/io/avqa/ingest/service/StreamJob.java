package io.avqa.ingest.service;

import io.avqa.ingest.source.Source;

/**
 * One stream an ingest process runs, ready to open: from the command line or from a managed {@code StreamSpec}.
 *
 * @param streamId the key of all its records
 * @param source   where its media comes from
 * @param rate     replay speed of recorded sources: 1 = real time, 2 = twice as fast, 0 = as fast as possible
 * @param loop     replay a recorded source forever (seq keeps counting up)
 * @param originMs wall clock of seq 0 when the stream has a timeline of its own (a managed stream continued by
 *                 another instance starts at the seconds since, so seq goes on), or 0: seq 0 is when it starts
 */
public record StreamJob(String streamId, Source source, double rate, boolean loop, long originMs) {
    public StreamJob {
        if (streamId == null || streamId.isBlank() || streamId.length() > 128) {
            throw new IllegalArgumentException("stream id must be 1..128 characters, got '" + streamId + "'");
        }
        if (rate < 0 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("rate must be >= 0 (0 = as fast as possible), got " + rate);
        }
        if (originMs < 0) {
            throw new IllegalArgumentException("originMs must be >= 0, got " + originMs);
        }
    }

    /** A stream whose seq 0 is when it starts (the command line's streams). */
    public StreamJob(String streamId, Source source, double rate, boolean loop) {
        this(streamId, source, rate, loop, 0);
    }
}
