package io.avqa.gateway.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.gateway.metrics.GatewayMetrics;
import io.avqa.schemas.StreamSpec;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.codec.RecordDecodeException;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Context;

/**
 * Tails the compacted {@code <prefix>stream-specs} topic from its beginning, so the gateway knows every managed
 * stream (for 409 and 404 answers and the listing) after a restart and sees the specs other gateways write. Hands
 * each record to a {@link SpecListener} on the gateway's context, in order; {@link SpecListener#loaded()} is called
 * and {@link #loaded()} completes on that context after every record that was on the topic at start has been handed over. An undecodable spec is counted
 * and skipped: it is compacted state, and the next write of that key replaces it.
 */
public final class StreamSpecConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSpecConsumer.class);

    /** Receives spec records on the gateway's context. */
    public interface SpecListener {
        /**
         * A record of the spec topic: {@code spec} is null for a tombstone (the stream was removed). The offset lets
         * the listener ignore a record older than one it already applied (its own write, applied on the ack).
         */
        void spec(String streamId, StreamSpec spec, int partition, long offset);

        /** Every spec that was on the topic at start has been handed over. */
        void loaded();
    }

    private final Context context;
    private final SpecListener listener;
    private final GatewayMetrics metrics;
    private final TopicTail tail;
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();

    public StreamSpecConsumer(String bootstrapServers, Map<String, Object> kafkaClient, Topics topics,
            String instanceId, Context context, SpecListener listener, GatewayMetrics metrics) {
        this.context = context;
        this.listener = listener;
        this.metrics = metrics;
        this.tail = new TopicTail("avqa-gateway-specs-" + instanceId, bootstrapServers, kafkaClient,
                List.of(new TopicTail.Start(topics.streamSpecs().name(), true)), this::handle);
        // the tail completes caughtUp on its thread after handing over the last record, which is already queued on
        // the context: hopping there too, "loaded" runs after it
        tail.caughtUp().whenComplete((v, e) -> context.runOnContext(x -> {
            if (e == null) {
                listener.loaded();
                loaded.complete(null);
            } else {
                loaded.completeExceptionally(e);
            }
        }));
    }

    public StreamSpecConsumer start() {
        tail.start();
        return this;
    }

    /** Completes on the gateway's context once the specs on the topic at start were handed to the listener. */
    public CompletableFuture<Void> loaded() {
        return loaded;
    }

    public boolean isLoaded() {
        return loaded.isDone() && !loaded.isCompletedExceptionally();
    }

    private record Event(String streamId, StreamSpec spec, int partition, long offset) {
    }

    private void handle(List<ConsumerRecord<String, byte[]>> records) {
        List<Event> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() == null) {
                metrics.corruptRecord();
                LOG.warn("stream spec without a key at {}-{}@{} skipped", record.topic(), record.partition(),
                        record.offset());
                continue;
            }
            try {
                StreamSpec spec = record.value() == null ? null : Contracts.STREAM_SPEC.decode(record.value());
                events.add(new Event(record.key(), spec, record.partition(), record.offset()));
            } catch (RecordDecodeException e) {
                metrics.corruptRecord();
                LOG.warn("undecodable stream spec at {}-{}@{} skipped: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        if (!events.isEmpty()) {
            context.runOnContext(v -> events.forEach(e -> listener.spec(e.streamId(), e.spec(), e.partition(),
                    e.offset())));
        }
    }

    @Override
    public void close() {
        tail.close();
    }
}
