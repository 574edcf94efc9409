package io.avqa.features.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.features.extract.Extraction;
import io.avqa.features.extract.FeatureExtractor;
import io.avqa.schemas.DeadLetter;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.topic.DeadLetters;
import io.avqa.schemas.topic.Topics;

/**
 * One micro-batch of the service, from polled records to acknowledged output: Embeddings keyed by streamId
 * in input order, dead letters with reasons, skipped stale live segments counted. Used on the service's
 * poll thread only.
 */
final class BatchProcessor {
    static final String STAGE = FeaturesService.STAGE;
    private static final Logger LOG = LoggerFactory.getLogger(FeaturesService.class);

    private final Topics topics;
    private final FeatureExtractor extractor;
    private final KafkaProducer<byte[], byte[]> producer;
    private final BacklogPolicy backlog;
    private final FeaturesMetrics metrics;
    private final int liveBacklog;
    private final Consumer<String> onSkipped;

    BatchProcessor(Topics topics, FeatureExtractor extractor, KafkaProducer<byte[], byte[]> producer,
            BacklogPolicy backlog, FeaturesMetrics metrics, int liveBacklog, Consumer<String> onSkipped) {
        this.topics = topics;
        this.extractor = extractor;
        this.producer = producer;
        this.backlog = backlog;
        this.metrics = metrics;
        this.liveBacklog = liveBacklog;
        this.onSkipped = onSkipped;
    }

    /**
     * Dead-letters corrupt records, skips stale live segments, extracts the rest in one batch, produces the
     * results and waits for every acknowledgement.
     *
     * @return the offsets to commit: one past the last record of each partition in the batch
     * @throws IllegalStateException when a produce failed (nothing may be committed then)
     */
    Map<TopicPartition, OffsetAndMetadata> process(List<Polled> batch) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<Polled> toExtract = new ArrayList<>();
        for (Polled p : batch) {
            if (p.segment() == null) {
                metrics.corrupt.increment();
                LOG.warn("corrupt record {}-{}@{} to {}: {}", p.record().topic(), p.record().partition(),
                        p.record().offset(), topics.dlq().name(), p.corruption());
                acks.add(producer.send(deadLetter(topics, DeadLetters.of(p.record(), STAGE, p.corruption()))));
            } else if (backlog.skip(p.segment())) {
                metrics.skipped.increment();
                onSkipped.accept(p.segment().getStreamId());
                LOG.info("live backlog: skipped {} seq {} (more than {} segments behind the stream's newest, or cut"
                        + " more than {} s ago)", p.segment().getStreamId(), p.segment().getSeq(), liveBacklog,
                        liveBacklog + 1);
            } else {
                toExtract.add(p);
            }
        }
        if (!toExtract.isEmpty()) {
            long start = System.nanoTime();
            List<Extraction> results = extractor.extract(toExtract.stream().map(Polled::segment).toList());
            metrics.inference.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            metrics.batchSize.record(toExtract.size());
            for (int i = 0; i < results.size(); i++) {
                Polled p = toExtract.get(i);
                Extraction result = results.get(i);
                if (result instanceof Extraction.Features f) {
                    metrics.embedded.increment();
                    metrics.latency.record(Math.max(0, f.embedding().getFeaturesMs() - f.embedding().getIngestMs()),
                            TimeUnit.MILLISECONDS);
                    acks.add(producer.send(new ProducerRecord<>(topics.embeddings().name(),
                            f.embedding().getStreamId().getBytes(StandardCharsets.UTF_8),
                            Contracts.EMBEDDING.encode(f.embedding()))));
                } else if (result instanceof Extraction.Rejected r) {
                    metrics.rejected.increment();
                    LOG.warn("rejected {} seq {} to {}: {}", r.segment().getStreamId(), r.segment().getSeq(),
                            topics.dlq().name(), r.reason());
                    acks.add(producer.send(deadLetter(topics, DeadLetters.of(p.record(), STAGE, r.reason()))));
                }
            }
        }
        awaitAcks(producer, acks);
        return offsets(batch);
    }

    private static ProducerRecord<byte[], byte[]> deadLetter(Topics topics, DeadLetter letter) {
        ProducerRecord<byte[], DeadLetter> r = DeadLetters.record(topics, letter);
        return new ProducerRecord<>(r.topic(), r.key(), Contracts.DEAD_LETTER.encode(letter));
    }

    /** Blocks until Kafka acknowledged every record of the batch; a failed send stops the service uncommitted. */
    private static void awaitAcks(KafkaProducer<byte[], byte[]> producer, List<Future<RecordMetadata>> acks) {
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("produce failed, offsets not committed (the batch is re-read on restart): "
                        + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for produce acknowledgements", e);
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets(List<Polled> batch) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (Polled p : batch) {
            ConsumerRecord<byte[], byte[]> r = p.record();
            out.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return out;
    }

}
