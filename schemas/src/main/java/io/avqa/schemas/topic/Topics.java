package io.avqa.schemas.topic;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import io.avqa.schemas.Answer;
import io.avqa.schemas.DeadLetter;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Insight;
import io.avqa.schemas.ModelTemplates;
import io.avqa.schemas.Question;
import io.avqa.schemas.Segment;
import io.avqa.schemas.StreamSpec;
import io.avqa.schemas.StreamStatus;
import io.avqa.schemas.codec.AvroSerde;
import io.avqa.schemas.codec.Contracts;

/**
 * The avqa topics under one name prefix (default {@code avqa.}). Embeddings and questions share a
 * partition count and the streamId key, so the reasoner sees a stream's embeddings and questions in
 * the same task (co-partitioning).
 */
public record Topics(
        Topic<String, Segment> segments,
        Topic<String, Embedding> embeddings,
        Topic<String, Question> questions,
        Topic<String, Answer> answers,
        Topic<String, Insight> insights,
        Topic<String, StreamStatus> streams,
        Topic<byte[], DeadLetter> dlq,
        Topic<String, ModelTemplates> models,
        Topic<String, StreamSpec> streamSpecs) {

    public static final String DEFAULT_PREFIX = "avqa.";
    /** Partitions of the per-stream topics: the most instances of one service that can share the work. */
    public static final int STREAM_PARTITIONS = 6;

    private static final Map<String, String> DELETE_1H = Map.of("retention.ms", String.valueOf(3_600_000L));
    private static final Map<String, String> DELETE_1D = Map.of("retention.ms", String.valueOf(86_400_000L));

    public static Topics defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }

    public static Topics withPrefix(String prefix) {
        return withPrefix(prefix, STREAM_PARTITIONS);
    }

    /**
     * The topics under {@code prefix} with {@code streamPartitions} partitions for each per-stream topic (the
     * compacted stream states and the dead letters keep one). Only topic creation needs the count: clients
     * use whatever the cluster has, and embeddings and questions stay co-partitioned because both get it.
     */
    public static Topics withPrefix(String prefix, int streamPartitions) {
        if (streamPartitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + streamPartitions);
        }
        Serde<String> key = Serdes.String();
        return new Topics(
                new Topic<>(prefix + "segments", streamPartitions, key, new AvroSerde<>(Contracts.SEGMENT), DELETE_1H),
                new Topic<>(prefix + "embeddings", streamPartitions, key, new AvroSerde<>(Contracts.EMBEDDING), DELETE_1H),
                new Topic<>(prefix + "questions", streamPartitions, key, new AvroSerde<>(Contracts.QUESTION), DELETE_1D),
                new Topic<>(prefix + "answers", streamPartitions, key, new AvroSerde<>(Contracts.ANSWER), DELETE_1D),
                new Topic<>(prefix + "insights", streamPartitions, key, new AvroSerde<>(Contracts.INSIGHT), DELETE_1H),
                new Topic<>(prefix + "streams", 1, key, new AvroSerde<>(Contracts.STREAM_STATUS),
                        Map.of("cleanup.policy", "compact")),
                new Topic<>(prefix + "dlq", 1, Serdes.ByteArray(), new AvroSerde<>(Contracts.DEAD_LETTER),
                        Map.of("retention.ms", String.valueOf(7 * 86_400_000L))),
                // the questions each loaded model answers, keyed by model id: compacted, read from the beginning
                new Topic<>(prefix + "models", 1, key, new AvroSerde<>(Contracts.MODEL_TEMPLATES),
                        Map.of("cleanup.policy", "compact")),
                // the streams operators want ingested, keyed by streamId: compacted; its partitions are what the
                // ingest group divides, so it gets the per-stream count
                new Topic<>(prefix + "stream-specs", streamPartitions, key, new AvroSerde<>(Contracts.STREAM_SPEC),
                        Map.of("cleanup.policy", "compact")));
    }

    public List<Topic<?, ?>> all() {
        return List.of(segments, embeddings, questions, answers, insights, streams, dlq, models, streamSpecs);
    }

    /** The topic with this name, or null. */
    public Topic<?, ?> byName(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
