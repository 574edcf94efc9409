package io.avqa.ingest.service;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.avqa.ingest.kafka.SegmentSink;
import io.avqa.ingest.segment.CutSegment;
import io.avqa.ingest.segment.MediaException;
import io.avqa.ingest.segment.MediaInfo;
import io.avqa.ingest.segment.MediaSegmenter;
import io.avqa.ingest.segment.SegmentCutter;
import io.avqa.ingest.segment.SegmentRecords;
import io.avqa.ingest.segment.SegmenterOptions;
import io.avqa.schemas.AudioProperties;
import io.avqa.schemas.StreamState;
import io.avqa.schemas.StreamStatus;
import io.avqa.schemas.VideoProperties;

/**
 * Runs one stream on its own thread: open, cut, publish; on failure of a live source, reconnect with
 * backoff (status RECONNECTING) and continue with a seq jump for the time lost; recorded files end
 * (ENDED), loop, or fail (FAILED) with the reason. Nothing here stops other streams.
 */
final class StreamRunner implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(StreamRunner.class);
    /** A status record with the latest seq is published at least this often (segments). */
    private static final int STATUS_EVERY = 10;

    private final StreamSpec spec;
    private final SegmenterOptions options;
    private final Backoff backoff;
    private final SegmentSink sink;
    private final SegmentRecords records;
    private final Pacer pacer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopRequested;

    private StreamState state = StreamState.STARTING;
    private String reason;
    private MediaInfo media;
    private long lastSeq = -1;
    private long dropped;
    private long streamStartMs;

    StreamRunner(StreamSpec spec, SegmenterOptions options, Backoff backoff, SegmentSink sink) {
        this.spec = spec;
        this.options = options;
        this.backoff = backoff;
        this.sink = sink;
        this.records = new SegmentRecords(options.jpegQuality());
        this.pacer = new Pacer(spec.source().live() ? 0 : spec.rate());
    }

    void requestStop() {
        stopRequested = true;
    }

    boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    StreamState state() {
        return state;
    }

    @Override
    public void run() {
        MDC.put("streamId", spec.streamId());
        try {
            loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug must not leave the stream silently dead: say so in the status.
            log.error("stream={} stopped by an internal error", spec.streamId(), e);
            setState(StreamState.FAILED, "internal error: " + e);
        } finally {
            if (state != StreamState.FAILED && state != StreamState.ENDED) {
                setState(StreamState.ENDED, stopRequested ? "stopped" : reason);
            }
            MDC.remove("streamId");
            stopped.countDown();
        }
    }

    private void loop() throws InterruptedException {
        setState(StreamState.STARTING, null);
        streamStartMs = System.currentTimeMillis();
        SegmentCutter cutter = new SegmentCutter(true, this::deliver);
        int failures = 0;
        boolean first = true;
        while (!stopRequested) {
            try (MediaSegmenter segmenter = MediaSegmenter.open(spec.source(), options)) {
                media = segmenter.info();
                cutter = new SegmentCutter(media.hasAudio(), this::deliver);
                long firstSeq = first ? 0 : nextSeqAfterBreak();
                cutter.restartTimeline(firstSeq);
                pacer.startTimeline(firstSeq);
                first = false;
                failures = 0;
                setState(StreamState.LIVE, null);
                log.info("stream={} opened {} ({}x{} {} fps {}, audio {}) at seq {}", spec.streamId(), spec.source().redacted(),
                        media.width(), media.height(), String.format("%.1f", media.frameRate()), media.videoCodec(),
                        media.hasAudio() ? media.audioCodec() + " " + media.sampleRate() + " Hz" : "none", firstSeq);
                boolean ended = segmenter.run(cutter, () -> stopRequested);
                if (!ended) {
                    return;
                }
                cutter.finish();
                if (spec.source().live()) {
                    throw new MediaException(spec.source().redacted() + " ended the stream");
                }
                if (!spec.loop()) {
                    setState(StreamState.ENDED, "end of file");
                    log.info("stream={} ended after seq {}", spec.streamId(), lastSeq);
                    return;
                }
            } catch (MediaException e) {
                cutter.finish();
                if (!spec.source().live()) {
                    log.error("stream={} failed: {}", spec.streamId(), e.getMessage());
                    setState(StreamState.FAILED, e.getMessage());
                    return;
                }
                failures++;
                if (backoff.exhausted(failures)) {
                    log.error("stream={} failed after {} attempts: {}", spec.streamId(), failures, e.getMessage());
                    setState(StreamState.FAILED, e.getMessage());
                    return;
                }
                long delay = backoff.delay(failures).toMillis();
                log.warn("stream={} {}; retrying in {} ms", spec.streamId(), e.getMessage(), delay);
                setState(StreamState.RECONNECTING, e.getMessage());
                sleepUnlessStopped(delay);
            }
        }
    }

    /**
     * After a break, a live stream resumes at the segment of the current wall-clock second, so the lost
     * time shows as a seq jump; a looping file simply continues.
     */
    private long nextSeqAfterBreak() {
        long next = lastSeq + 1;
        if (spec.source().live()) {
            next = Math.max(next, (System.currentTimeMillis() - streamStartMs) / 1000);
        }
        return next;
    }

    private void deliver(CutSegment cut) {
        try {
            pacer.awaitRelease(cut.seq());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
            return;
        }
        if (lastSeq >= 0 && cut.seq() > lastSeq + 1) {
            dropped += cut.seq() - lastSeq - 1;
        }
        sink.publish(records.toRecord(cut, spec.streamId(), streamStartMs + cut.seq() * 1000L, spec.source().kind(),
                spec.source().live()));
        lastSeq = cut.seq();
        if (lastSeq % STATUS_EVERY == 0) {
            publishStatus();
        }
    }

    private void setState(StreamState next, String why) {
        state = next;
        reason = why;
        publishStatus();
    }

    private void publishStatus() {
        StreamStatus.Builder status = StreamStatus.newBuilder()
                .setStreamId(spec.streamId())
                .setSource(spec.source().redacted())
                .setSourceKind(spec.source().kind())
                .setState(state)
                .setReason(reason)
                .setLastSeq(lastSeq)
                .setDroppedSegments(dropped)
                .setUpdatedMs(System.currentTimeMillis());
        if (media != null) {
            status.setVideo(new VideoProperties(media.width(), media.height(), media.frameRate(),
                    String.valueOf(media.videoCodec())));
            if (media.hasAudio()) {
                status.setAudio(new AudioProperties(media.sampleRate(), media.channels(), media.audioCodec()));
            }
        }
        sink.publish(status.build());
    }

    private void sleepUnlessStopped(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!stopRequested && System.currentTimeMillis() < end) {
            Thread.sleep(Math.min(100, Math.max(1, end - System.currentTimeMillis())));
        }
    }
}
