package io.avqa.ops.metrics;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import io.avqa.schemas.Answer;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Insight;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.codec.RecordDecodeException;

/**
 * Measures {@link HopLatency} on the records a producer sends, without touching the code that sends them (Kafka
 * Streams included): embeddings give {@code ingest_to_features}, insights {@code features_to_insight} and
 * {@code ingest_to_insight}, answers {@code question_to_answer} and {@code ingest_to_answer}. Values may be
 * Avro objects or their encoded bytes; the end of the topic name says which record it is.
 *
 * <p>Install with {@link #install(Map, HopLatency)} (plain clients) or, for Kafka Streams, put the same two
 * entries with {@code StreamsConfig.producerPrefix}. Records it cannot read are passed on untouched.
 */
public final class HopLatencyInterceptor implements ProducerInterceptor<Object, Object> {
    /** Client property carrying the {@link HopLatency} instance (an object, not a string). */
    public static final String HOPS_CONFIG = "avqa.ops.hop.latency";

    private HopLatency hops;

    /** Adds the interceptor and its {@link HopLatency} to producer properties. */
    public static Map<String, Object> install(Map<String, Object> producerProps, HopLatency hops) {
        producerProps.put(org.apache.kafka.clients.producer.ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
                HopLatencyInterceptor.class.getName());
        producerProps.put(HOPS_CONFIG, hops);
        return producerProps;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object h = configs.get(HOPS_CONFIG);
        if (!(h instanceof HopLatency latency)) {
            throw new IllegalArgumentException(HOPS_CONFIG + " must hold the service's HopLatency, was " + h);
        }
        this.hops = latency;
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        try {
            observe(record.topic(), record.value());
        } catch (RecordDecodeException | RuntimeException e) {
            // a record this interceptor cannot read is not its business: measuring must never block sending
        }
        return record;
    }

    private void observe(String topic, Object value) throws RecordDecodeException {
        if (value == null) {
            return;
        }
        String kind = topic.endsWith("embeddings") ? "embeddings" : topic.endsWith("insights") ? "insights"
                : topic.endsWith("answers") ? "answers" : "";
        switch (kind) {
            case "embeddings" -> {
                Embedding e = value instanceof Embedding typed ? typed : Contracts.EMBEDDING.decode((byte[]) value);
                hops.record(HopLatency.Hop.INGEST_TO_FEATURES, e.getIngestMs(), e.getFeaturesMs());
            }
            case "insights" -> {
                Insight i = value instanceof Insight typed ? typed : Contracts.INSIGHT.decode((byte[]) value);
                hops.record(HopLatency.Hop.FEATURES_TO_INSIGHT, i.getFeaturesMs(), i.getInsightMs());
                hops.record(HopLatency.Hop.INGEST_TO_INSIGHT, i.getIngestMs(), i.getInsightMs());
            }
            case "answers" -> {
                Answer a = value instanceof Answer typed ? typed : Contracts.ANSWER.decode((byte[]) value);
                if (a.getRevision() == 0) {
                    // later revisions of a standing question answer new windows, not the asking
                    hops.record(HopLatency.Hop.QUESTION_TO_ANSWER, a.getAskedMs(), a.getAnsweredMs());
                }
                hops.record(HopLatency.Hop.INGEST_TO_ANSWER, a.getIngestMs(), a.getAnsweredMs());
            }
            default -> {
                // segments, questions, streams, dlq: no hop ends there
            }
        }
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }
}
