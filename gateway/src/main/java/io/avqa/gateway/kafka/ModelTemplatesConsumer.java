package io.avqa.gateway.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.gateway.metrics.GatewayMetrics;
import io.avqa.schemas.ModelTemplates;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.codec.RecordDecodeException;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Context;

/**
 * Tails the compacted {@code <prefix>models} topic from its beginning: every loaded model's templates, as the
 * reasoners publish them at start. Hands each decoded record to a handler on the gateway's context; an
 * undecodable one is counted and skipped (the topic is compacted state, not a stream of work to dead-letter).
 */
public final class ModelTemplatesConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelTemplatesConsumer.class);

    private final TopicTail tail;
    private final Context context;
    private final Consumer<ModelTemplates> handler;
    private final GatewayMetrics metrics;

    public ModelTemplatesConsumer(String bootstrapServers, Map<String, Object> kafkaClient, Topics topics,
            String instanceId, Context context, Consumer<ModelTemplates> handler, GatewayMetrics metrics) {
        this.context = context;
        this.handler = handler;
        this.metrics = metrics;
        this.tail = new TopicTail("avqa-gateway-models-" + instanceId, bootstrapServers, kafkaClient,
                List.of(new TopicTail.Start(topics.models().name(), true)), this::handle);
    }

    public ModelTemplatesConsumer start() {
        tail.start();
        return this;
    }

    private void handle(List<ConsumerRecord<String, byte[]>> records) {
        List<ModelTemplates> decoded = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                ModelTemplates m = Contracts.MODEL_TEMPLATES.decode(record.value());
                LOG.info("model {} answers {} question templates (published at {})", m.getModelId(),
                        m.getTemplates().size(), java.time.Instant.ofEpochMilli(m.getPublishedMs()));
                decoded.add(m);
            } catch (RecordDecodeException e) {
                metrics.corruptRecord();
                LOG.warn("undecodable model templates at {}-{}@{} skipped: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        if (!decoded.isEmpty()) {
            context.runOnContext(v -> decoded.forEach(handler));
        }
    }

    @Override
    public void close() {
        tail.close();
    }
}
