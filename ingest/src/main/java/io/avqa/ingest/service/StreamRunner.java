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

    private final StreamJob job;
    private final SegmenterOptions options;
    private final Backoff backoff;
    private final SegmentSink sink;
    private final SegmentRecords records;
    private final Pacer pacer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopRequested;
    /** Why the stream was stopped (its final ENDED status says it), or null to end without a final status. */
    private volatile String stopReason = "stopped";

    private StreamState state = StreamState.STARTING;
    private String reason;
    private MediaInfo media;
    private long lastSeq = -1;
    private long dropped;
    private long streamStartMs;

    StreamRunner(StreamJob job, SegmenterOptions options, Backoff backoff, SegmentSink sink) {
        this.job = job;
        this.options = options;
        this.backoff = backoff;
        this.sink = sink;
        this.records = new SegmentRecords(options.jpegQuality());
        this.pacer = new Pacer(job.source().live() ? 0 : job.rate());
    }

    /**
     * Stops with {@code reason} in the final ENDED status; null publishes none, for a stream handed to another
     * instance (an ENDED would cancel its standing questions while it goes on there).
     */
    void requestStop(String reason) {
        stopReason = reason;
        stopRequested = true;
    }

    boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    StreamJob job() {
        return job;
    }

    StreamState state() {
        return state;
    }

    @Override
    public void run() {
        MDC.put("streamId", job.streamId());
        try {
            loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug must not leave the stream silently dead: say so in the status.
            log.error("stream={} stopped by an internal error", job.streamId(), e);
            setState(StreamState.FAILED, "internal error: " + e);
        } finally {
            if (state != StreamState.FAILED && state != StreamState.ENDED && !(stopRequested && stopReason == null)) {
                setState(StreamState.ENDED, stopRequested ? stopReason : reason);
            }
            MDC.remove("streamId");
            stopped.countDown();
        }
    }

    private void loop() throws InterruptedException {
        setState(StreamState.STARTING, null);
        streamStartMs = job.originMs() > 0 ? job.originMs() : System.currentTimeMillis();
        SegmentCutter cutter = new SegmentCutter(true, this::deliver);
        int failures = 0;
        boolean first = true;
        while (!stopRequested) {
            try (MediaSegmenter segmenter = MediaSegmenter.open(job.source(), options)) {
                media = segmenter.info();
                cutter = new SegmentCutter(media.hasAudio(), this::deliver);
                long firstSeq = first ? firstSeq() : nextSeqAfterBreak();
                cutter.restartTimeline(firstSeq);
                pacer.startTimeline(firstSeq);
                first = false;
                failures = 0;
                setState(StreamState.LIVE, null);
                log.info("stream={} opened {} ({}x{} {} fps {}, audio {}) at seq {}", job.streamId(), job.source().redacted(),
                        media.width(), media.height(), String.format("%.1f", media.frameRate()), media.videoCodec(),
                        media.hasAudio() ? media.audioCodec() + " " + media.sampleRate() + " Hz" : "none", firstSeq);
                boolean ended = segmenter.run(cutter, () -> stopRequested);
                if (!ended) {
                    return;
                }
                cutter.finish();
                if (job.source().live()) {
                    throw new MediaException(job.source().redacted() + " ended the stream");
                }
                if (!job.loop()) {
                    setState(StreamState.ENDED, "end of file");
                    log.info("stream={} ended after seq {}", job.streamId(), lastSeq);
                    return;
                }
            } catch (MediaException e) {
                cutter.finish();
                if (!job.source().live()) {
                    log.error("stream={} failed: {}", job.streamId(), e.getMessage());
                    setState(StreamState.FAILED, e.getMessage());
                    return;
                }
                failures++;
                if (backoff.exhausted(failures)) {
                    log.error("stream={} failed after {} attempts: {}", job.streamId(), failures, e.getMessage());
                    setState(StreamState.FAILED, e.getMessage());
                    return;
                }
                long delay = backoff.delay(failures).toMillis();
                log.warn("stream={} {}; retrying in {} ms", job.streamId(), e.getMessage(), delay);
                setState(StreamState.RECONNECTING, e.getMessage());
                sleepUnlessStopped(delay);
            }
        }
    }

    /** 0, or for a stream with an origin of its own the seconds since it: the timeline it had elsewhere goes on. */
    private long firstSeq() {
        return job.originMs() > 0 ? Math.max(0, (System.currentTimeMillis() - streamStartMs) / 1000) : 0;
    }

    /**
     * After a break, a live stream resumes at the segment of the current wall-clock second, so the lost
     * time shows as a seq jump; a looping file simply continues.
     */
    private long nextSeqAfterBreak() {
        long next = lastSeq + 1;
        if (job.source().live()) {
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
        sink.publish(records.toRecord(cut, job.streamId(), streamStartMs + cut.seq() * 1000L, job.source().kind(),
                job.source().live()));
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
                .setStreamId(job.streamId())
                .setSource(job.source().redacted())
                .setSourceKind(job.source().kind())
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
