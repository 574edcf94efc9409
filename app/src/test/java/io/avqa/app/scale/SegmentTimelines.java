package io.avqa.app.scale;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.avqa.ingest.kafka.IngestInstance;
import io.avqa.schemas.Segment;

/**
 * The segments topic as consumers saw it (read with {@code isolation.level=read_committed}): per stream, in
 * offset order, which second each segment covers and which ingest instance published it. The failover checks
 * are made on this, so they hold for what features reads, not for what the instances believe they sent.
 * Times are the records' CreateTime, stamped by the publishing producer on this same machine's clock.
 */
final class SegmentTimelines {
    /** One segment: the second it covers (seq), its publisher's instance id and when the producer sent it. */
    record Published(long seq, String instance, long sentMs) {
    }

    /**
     * One stream around the kill: the last second published up to the kill, the first one after it (-1 when
     * none) and how long after the kill that one was sent.
     */
    record AroundKill(String stream, boolean moved, long lastSeqBefore, long firstSeqAfter, long resumeMs) {
        /** Seconds nobody published. */
        long gapSeconds() {
            return firstSeqAfter - lastSeqBefore - 1;
        }
    }

    private final Map<String, List<Published>> byStream = new TreeMap<>();
    private final Map<String, Integer> partitionByStream = new TreeMap<>();

    SegmentTimelines(List<ConsumerRecord<String, Segment>> records) {
        for (ConsumerRecord<String, Segment> r : records) {
            partitionByStream.put(r.key(), r.partition());
            byStream.computeIfAbsent(r.key(), k -> new ArrayList<>())
                    .add(new Published(r.value().getSeq(), instanceOf(r), r.timestamp()));
        }
    }

    /** The instance id a segment names in its {@link IngestInstance#HEADER} header ("none" without one). */
    static String instanceOf(ConsumerRecord<String, Segment> record) {
        Header h = record.headers().lastHeader(IngestInstance.HEADER);
        return h == null ? "none" : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The streams {@code instance} sent a segment of after {@code afterMs}. */
    Set<String> publishedAfter(String instance, long afterMs) {
        Set<String> out = new java.util.HashSet<>();
        byStream.forEach((stream, segments) -> {
            if (segments.stream().anyMatch(p -> p.sentMs() > afterMs && p.instance().equals(instance))) {
                out.add(stream);
            }
        });
        return out;
    }

    /** Instance id to the streams whose latest segment it published. */
    Map<String, List<String>> streamsByLatestPublisher() {
        Map<String, List<String>> out = new TreeMap<>();
        byStream.forEach((stream, segments) -> out.computeIfAbsent(segments.get(segments.size() - 1).instance(),
                k -> new ArrayList<>()).add(stream));
        return out;
    }

    AroundKill aroundKill(String stream, boolean moved, long killMs) {
        long before = -1;
        Published after = null;
        for (Published p : byStream.getOrDefault(stream, List.of())) {
            if (p.sentMs() <= killMs) {
                before = p.seq();
            } else if (after == null) {
                after = p;
            }
        }
        return after == null ? new AroundKill(stream, moved, before, -1, -1)
                : new AroundKill(stream, moved, before, after.seq(), after.sentMs() - killMs);
    }

    /**
     * What consumers must never see: a second published twice (by two instances, or twice by one), a stream's
     * seq going back, or a segment sent by anyone but {@code survivor} once the victim was gone.
     */
    List<String> violations(String survivor, long victimGoneMs) {
        List<String> out = new ArrayList<>(neverTwice());
        byStream.forEach((stream, segments) -> {
            for (Published p : segments) {
                if (p.sentMs() > victimGoneMs && !p.instance().equals(survivor)) {
                    out.add(stream + ": seq " + p.seq() + " sent by " + p.instance() + " after the victim was gone");
                }
            }
        });
        return out;
    }

    /** No second of any stream published twice (by two instances, or twice by one), and no seq going back. */
    List<String> neverTwice() {
        List<String> out = new ArrayList<>();
        byStream.forEach((stream, segments) -> {
            Map<Long, List<String>> publishers = new HashMap<>();
            long previous = Long.MIN_VALUE;
            for (Published p : segments) {
                publishers.computeIfAbsent(p.seq(), k -> new ArrayList<>()).add(p.instance());
                if (p.seq() <= previous) {
                    out.add(stream + ": seq " + p.seq() + " after seq " + previous + " (" + p.instance() + ")");
                }
                previous = p.seq();
            }
            publishers.forEach((seq, by) -> {
                if (by.size() > 1) {
                    out.add(stream + ": second " + seq + " published " + by.size() + " times, by "
                            + (Set.copyOf(by).size() > 1 ? "different instances " : "") + by);
                }
            });
        });
        return out;
    }

    /** When the stream's first segment was sent (CreateTime), or -1. */
    long firstSentMs(String stream) {
        List<Published> segments = byStream.get(stream);
        return segments == null ? -1 : segments.stream().mapToLong(Published::sentMs).min().orElse(-1);
    }

    /** The segments partition {@code stream} was last published to (keyed by stream id, so its only one). */
    int partitionOf(String stream) {
        Integer p = partitionByStream.get(stream);
        if (p == null) {
            throw new IllegalStateException("no segment of stream " + stream + " read yet");
        }
        return p;
    }

    /** The longest time {@code stream} went without a segment sent, over gaps that end after {@code from}, start before {@code until}. */
    long longestGapMs(String stream, long from, long until) {
        return Gaps.longest(byStream.getOrDefault(stream, List.of()).stream().map(Published::sentMs).sorted().toList(),
                from, until);
    }

    /** Per stream, the seqs of the segments sent (CreateTime) before {@code ms}. */
    Map<String, List<Long>> seqsSentBefore(long ms) {
        Map<String, List<Long>> out = new TreeMap<>();
        byStream.forEach((stream, segments) -> out.put(stream,
                segments.stream().filter(p -> p.sentMs() < ms).map(Published::seq).toList()));
        return out;
    }

    /** Segments in the run, all streams. */
    long total() {
        return byStream.values().stream().mapToLong(List::size).sum();
    }

    /** Segments per instance, whole run. */
    Map<String, Long> countsByInstance() {
        return byStream.values().stream().flatMap(Collection::stream)
                .collect(Collectors.groupingBy(Published::instance, TreeMap::new, Collectors.counting()));
    }

    /** Segments per stream, whole run. */
    Map<String, Integer> countsByStream() {
        Map<String, Integer> out = new LinkedHashMap<>();
        byStream.forEach((stream, segments) -> out.put(stream, segments.size()));
        return out;
    }
}
