package io.avqa.ingest.group;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.ingest.kafka.FencedPublisher;
import io.avqa.ingest.segment.SegmenterOptions;
import io.avqa.ingest.service.Backoff;
import io.avqa.ingest.service.IngestService;
import io.avqa.ingest.service.StreamJob;
import io.avqa.ingest.source.Sources;
import io.avqa.schemas.DesiredState;
import io.avqa.schemas.StreamSpec;
import io.avqa.schemas.StreamState;
import io.avqa.schemas.StreamStatus;
import io.avqa.schemas.source.SourceLocations;

/**
 * The streams of one stream-spec partition an ingest instance owns: reconciles what runs with the latest spec
 * per stream (start, restart on change, stop on removal) once the partition has been read up to the end it had
 * when it was assigned. Called from the group's polling thread only.
 */
final class PartitionStreams {
    private static final Logger log = LoggerFactory.getLogger(PartitionStreams.class);

    private final int partition;
    private final long endOffset;
    private final FencedPublisher publisher;
    private final IngestService service;
    /** Specs read before catching up: the latest per stream, null for removed. */
    private final Map<String, StreamSpec> pending = new LinkedHashMap<>();
    private boolean caughtUp;
    private boolean handedOver;

    PartitionStreams(int partition, long endOffset, FencedPublisher publisher, SegmenterOptions options, Backoff backoff) {
        this.partition = partition;
        this.endOffset = endOffset;
        this.publisher = publisher;
        this.service = new IngestService(options, backoff, publisher);
        this.caughtUp = endOffset == 0;
    }

    long endOffset() {
        return endOffset;
    }

    boolean caughtUp() {
        return caughtUp;
    }

    boolean fenced() {
        return publisher.fenced() && !handedOver;
    }

    long failures() {
        return publisher.failures();
    }

    List<String> streamIds() {
        return service.streamIds();
    }

    /** The latest spec of {@code streamId}, or null when it was removed. */
    void offer(String streamId, StreamSpec spec) {
        if (caughtUp) {
            reconcile(streamId, spec);
        } else {
            pending.put(streamId, spec);
        }
    }

    /** The partition has been read to its end at assignment: start what it specifies. */
    void catchUp() {
        caughtUp = true;
        pending.forEach(this::reconcile);
        pending.clear();
        log.info("stream-spec partition {}: running {}", partition, service.streamIds());
    }

    private void reconcile(String streamId, StreamSpec spec) {
        if (handedOver) {
            return;
        }
        StreamJob running = service.job(streamId);
        boolean wanted = spec != null && spec.getDesiredState() == DesiredState.RUNNING;
        try {
            if (!wanted) {
                if (running != null) {
                    service.stop(streamId, spec == null ? "removed" : "stopped by an operator");
                    log.info("stream={} {}", streamId, spec == null ? "removed" : "stopped");
                }
                return;
            }
            StreamJob next;
            try {
                next = new StreamJob(streamId, Sources.parse(spec.getSource()), spec.getRate(),
                        spec.getLoop(), spec.getOriginMs());
            } catch (IllegalArgumentException e) {
                refuse(streamId, spec, e.getMessage());
                return;
            }
            if (running != null) {
                if (sameStream(running, next)) {
                    return;
                }
                service.stop(streamId, null);
            }
            service.start(next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Same source, rate, loop and origin: an unchanged re-publication of the spec restarts nothing. */
    private static boolean sameStream(StreamJob a, StreamJob b) {
        return Objects.equals(a.source().location(), b.source().location()) && a.rate() == b.rate()
                && a.loop() == b.loop() && a.originMs() == b.originMs();
    }

    /** A spec ingest cannot run (the gateway checks specs, but the topic can be written by anyone): FAILED. */
    private void refuse(String streamId, StreamSpec spec, String why) {
        log.error("stream={} spec refused: {}", streamId, why);
        publisher.publish(StreamStatus.newBuilder().setStreamId(streamId)
                .setSource(SourceLocations.redact(spec.getSource())).setState(StreamState.FAILED)
                .setReason("spec refused: " + why).setUpdatedMs(System.currentTimeMillis()).build());
    }

    /** Stops every stream without a final status: another instance runs them now (or will). */
    void handOver() {
        if (!handedOver) {
            handedOver = true;
            service.stopAll(null);
        }
    }

    void close() {
        publisher.close();
    }
}
