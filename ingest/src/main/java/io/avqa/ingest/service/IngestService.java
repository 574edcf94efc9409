package io.avqa.ingest.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.ingest.kafka.SegmentSink;
import io.avqa.ingest.segment.SegmenterOptions;
import io.avqa.schemas.StreamState;

/**
 * Runs many streams in one process, each on its own thread, publishing to one sink. A failing stream
 * never stops the others. {@link #close()} stops all streams and waits for them.
 */
public final class IngestService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final SegmenterOptions options;
    private final Backoff backoff;
    private final SegmentSink sink;
    private final Map<String, StreamRunner> runners = new LinkedHashMap<>();

    public IngestService(SegmenterOptions options, Backoff backoff, SegmentSink sink) {
        this.options = options;
        this.backoff = backoff;
        this.sink = sink;
    }

    /** Starts a stream. Stream ids are unique within a process. */
    public synchronized void start(StreamJob job) {
        if (runners.containsKey(job.streamId())) {
            throw new IllegalArgumentException("stream id '" + job.streamId() + "' is already running");
        }
        StreamRunner runner = new StreamRunner(job, options, backoff, sink);
        runners.put(job.streamId(), runner);
        Thread thread = new Thread(runner, "ingest-" + job.streamId());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops a stream and waits up to 10 s for it; {@code reason} goes into its final ENDED status, null ends it
     * without one (handed to another instance). Returns false when the stream is not one of this process's.
     */
    public boolean stop(String streamId, String reason) throws InterruptedException {
        StreamRunner runner;
        synchronized (this) {
            runner = runners.remove(streamId);
        }
        if (runner == null) {
            return false;
        }
        runner.requestStop(reason);
        if (!runner.awaitStopped(10, TimeUnit.SECONDS)) {
            log.warn("stream={} did not stop within 10 s (blocked in a network read?)", streamId);
        }
        return true;
    }

    /** The job a running stream was started with, or null if it is not one of this process's. */
    public synchronized StreamJob job(String streamId) {
        StreamRunner runner = runners.get(streamId);
        return runner == null ? null : runner.job();
    }

    /** The ids of this process's streams. */
    public synchronized List<String> streamIds() {
        return List.copyOf(runners.keySet());
    }

    /** The current state of a stream, or null if it is not one of this process's. */
    public synchronized StreamState state(String streamId) {
        StreamRunner runner = runners.get(streamId);
        return runner == null ? null : runner.state();
    }

    /** Waits until every non-looping, non-live stream has ended or failed (for replays). */
    public void awaitAll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (StreamRunner runner : snapshot()) {
            runner.awaitStopped(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        stopAll("stopped");
    }

    /** Stops every stream, {@code reason} as in {@link #stop}. */
    public void stopAll(String reason) {
        List<StreamRunner> all = snapshot();
        all.forEach(r -> r.requestStop(reason));
        for (StreamRunner runner : all) {
            try {
                if (!runner.awaitStopped(10, TimeUnit.SECONDS)) {
                    log.warn("a stream did not stop within 10 s (blocked in a network read?)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized List<StreamRunner> snapshot() {
        return new ArrayList<>(runners.values());
    }
}
