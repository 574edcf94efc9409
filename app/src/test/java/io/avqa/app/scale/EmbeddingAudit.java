package io.avqa.app.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import io.avqa.broker.TopicReader;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.topic.Topic;

/**
 * What the feature stage made of the segments, read back from the cluster at the end of a run: every committed
 * Embedding ({@code read_committed}), counted per stream and second, beside the segments {@link SegmentWatch} saw.
 * A segment without an embedding is lost work (a file source is never skipped by the live backlog policy); an
 * embedding counted twice is a second the reasoner would see twice.
 */
final class EmbeddingAudit {
    /**
     * Per stream: segments published, embeddings committed, segments without one, seconds embedded twice, and
     * when each embedding was produced (CreateTime, ascending).
     */
    record StreamAudit(String stream, int segments, int embeddings, List<Long> missing, List<Long> twice,
            List<Long> producedMs) {
        /** The longest time no embedding of this stream was produced, within [from, until). */
        long longestGapMs(long from, long until) {
            return Gaps.longest(producedMs, from, until);
        }
    }

    private EmbeddingAudit() {
    }

    /**
     * Reads the embeddings topic from its beginning and keeps reading (the feature stage may still be catching
     * up) until every segment sent before {@code cutoffMs} has its embedding, or {@code timeout} has passed.
     */
    static List<StreamAudit> of(String bootstrap, Topic<String, Embedding> topic, SegmentTimelines segments,
            long cutoffMs, Duration timeout) {
        Map<String, List<Long>> expected = segments.seqsSentBefore(cutoffMs);
        Map<String, Map<Long, Integer>> embedded = new TreeMap<>();
        Map<String, List<Long>> produced = new TreeMap<>();
        try (KafkaConsumer<String, Embedding> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "compose-embedding-audit-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            TopicReader.fromBeginning(consumer, topic);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !missing(expected, embedded).isEmpty()) {
                for (ConsumerRecord<String, Embedding> r : consumer.poll(Duration.ofMillis(200))) {
                    embedded.computeIfAbsent(r.value().getStreamId().toString(), k -> new TreeMap<>())
                            .merge(r.value().getSeq(), 1, Integer::sum);
                    produced.computeIfAbsent(r.value().getStreamId().toString(), k -> new ArrayList<>())
                            .add(r.timestamp());
                }
            }
        }
        List<StreamAudit> out = new ArrayList<>();
        expected.forEach((stream, seqs) -> {
            Map<Long, Integer> mine = embedded.getOrDefault(stream, Map.of());
            List<Long> twice = mine.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            out.add(new StreamAudit(stream, seqs.size(), mine.values().stream().mapToInt(Integer::intValue).sum(),
                    missing(Map.of(stream, seqs), embedded), twice,
                    produced.getOrDefault(stream, List.of()).stream().sorted().toList()));
        });
        return out;
    }

    private static List<Long> missing(Map<String, List<Long>> expected, Map<String, Map<Long, Integer>> embedded) {
        List<Long> out = new ArrayList<>();
        expected.forEach((stream, seqs) -> {
            Map<Long, Integer> mine = embedded.getOrDefault(stream, Map.of());
            seqs.stream().filter(s -> !mine.containsKey(s)).forEach(out::add);
        });
        return out;
    }
}
