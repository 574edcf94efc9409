package io.avqa.gateway.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.gateway.metrics.GatewayMetrics;
import io.avqa.schemas.Insight;
import io.avqa.schemas.Segment;
import io.avqa.schemas.StreamStatus;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.codec.RecordDecodeException;
import io.avqa.schemas.topic.DeadLetters;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Context;

/**
 * Tails the compacted {@code avqa.streams} topic from its beginning (so the gateway knows every stream's
 * latest status after a restart), {@code avqa.insights} from its end (only live insights matter) and
 * {@code avqa.segments} from its end (the newest frame of each stream is the dashboard's thumbnail), and hands
 * each poll's decoded records to a {@link StreamFeedListener} on the gateway's context.
 */
public final class StreamFeedConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamFeedConsumer.class);

    /** Receives feed records on the gateway's context. */
    public interface StreamFeedListener {
        void status(StreamStatus status);

        /** A tombstone on the compacted topic: the stream was removed. */
        void removed(String streamId);

        void insights(List<Insight> insights);

        /** The first frame of a segment (JPEG as ingest cut it), for the dashboard's thumbnail. */
        void frame(String streamId, long seq, byte[] jpeg);

        /** Whether anyone watches the stream; called from the consumer thread, before a segment is decoded. */
        boolean watches(String streamId);
    }

    static final int CHUNK = 32;

    private final String streamsTopic;
    private final String segmentsTopic;
    private final Context context;
    private final StreamFeedListener listener;
    private final QuestionPublisher dlq;
    private final GatewayMetrics metrics;
    private final TopicTail tail;

    public StreamFeedConsumer(String bootstrapServers, Map<String, Object> kafkaClient, Topics topics,
            String instanceId, Context context,
            StreamFeedListener listener, QuestionPublisher dlq, GatewayMetrics metrics) {
        this.streamsTopic = topics.streams().name();
        this.segmentsTopic = topics.segments().name();
        this.context = context;
        this.listener = listener;
        this.dlq = dlq;
        this.metrics = metrics;
        this.tail = new TopicTail("avqa-gateway-feeds-" + instanceId, bootstrapServers, kafkaClient, List.of(
                new TopicTail.Start(topics.streams().name(), true),
                new TopicTail.Start(topics.insights().name(), false),
                new TopicTail.Start(topics.segments().name(), false)), this::handle);
    }

    public StreamFeedConsumer start() {
        tail.start();
        return this;
    }

    public CompletableFuture<Void> assigned() {
        return tail.assigned();
    }

    public boolean isAssigned() {
        return tail.isAssigned();
    }

    private void handle(List<ConsumerRecord<String, byte[]>> records) {
        List<Object> events = new ArrayList<>(records.size());
        List<Insight> insights = new ArrayList<>();
        // only the newest segment of each watched stream in the poll is decoded (a stream is one partition, so
        // the last record of its key is its newest); every other segment is skipped unread
        Map<String, ConsumerRecord<String, byte[]>> frames = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                if (record.topic().equals(streamsTopic)) {
                    if (record.value() == null) {
                        events.add(record.key());
                    } else {
                        events.add(Contracts.STREAM_STATUS.decode(record.value()));
                    }
                } else if (record.topic().equals(segmentsTopic)) {
                    if (record.key() != null && listener.watches(record.key())) {
                        frames.put(record.key(), record);
                    }
                } else {
                    insights.add(Contracts.INSIGHT.decode(record.value()));
                }
            } catch (RecordDecodeException e) {
                metrics.corruptRecord();
                LOG.warn("undecodable record at {}-{}@{} sent to the dead-letter topic: {}", record.topic(),
                        record.partition(), record.offset(), e.getMessage());
                byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
                dlq.deadLetter(DeadLetters.of(record.topic(), record.partition(), record.offset(), key, record.value(),
                        AnswerConsumer.STAGE, e.getMessage()));
            }
        }
        if (!events.isEmpty()) {
            context.runOnContext(v -> {
                for (Object event : events) {
                    if (event instanceof StreamStatus status) {
                        listener.status(status);
                    } else if (event instanceof String removed) {
                        listener.removed(removed);
                    }
                }
            });
        }
        if (!frames.isEmpty()) {
            List<Segment> newest = frames.values().stream().map(this::frame).flatMap(java.util.Optional::stream)
                    .toList();
            context.runOnContext(v -> newest.forEach(f -> listener.frame(f.getStreamId(), f.getSeq(),
                    bytes(f.getFrame()))));
        }
        // A backlog (e.g. after a pause) arrives as polls of hundreds of insights: hand them over in small
        // chunks so no single event-loop task fans out more than CHUNK insights. Tasks run in order.
        for (int from = 0; from < insights.size(); from += CHUNK) {
            List<Insight> chunk = insights.subList(from, Math.min(insights.size(), from + CHUNK));
            context.runOnContext(v -> listener.insights(chunk));
        }
    }

    /** A segment for its frame; one that does not decode is the feature stage's to dead-letter, not ours. */
    private java.util.Optional<Segment> frame(ConsumerRecord<String, byte[]> record) {
        try {
            return java.util.Optional.of(Contracts.SEGMENT.decode(record.value()));
        } catch (RecordDecodeException e) {
            metrics.corruptRecord();
            return java.util.Optional.empty();
        }
    }

    private static byte[] bytes(java.nio.ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Override
    public void close() {
        tail.close();
    }
}
