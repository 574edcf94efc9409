package io.avqa.gateway.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.gateway.metrics.GatewayMetrics;
import io.avqa.gateway.routing.IncomingAnswer;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.codec.RecordDecodeException;
import io.avqa.schemas.topic.DeadLetters;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Context;

/**
 * Tails {@code avqa.answers} from its end and passes on the answers keyed by this instance's id
 * (answers are keyed by the question's replyTo, so gateways side by side each see only their own).
 * Records for other instances are skipped before decoding; undecodable ones go to the dead-letter topic.
 * Matching answers of one poll are delivered together on the gateway's context.
 */
public final class AnswerConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerConsumer.class);
    static final String STAGE = "gateway";

    private final String instanceId;
    private final Context context;
    private final Consumer<IncomingAnswer> onAnswer;
    private final QuestionPublisher dlq;
    private final GatewayMetrics metrics;
    private final TopicTail tail;

    public AnswerConsumer(String bootstrapServers, Map<String, Object> kafkaClient, Topics topics,
            String instanceId, Context context,
            Consumer<IncomingAnswer> onAnswer, QuestionPublisher dlq, GatewayMetrics metrics) {
        this.instanceId = instanceId;
        this.context = context;
        this.onAnswer = onAnswer;
        this.dlq = dlq;
        this.metrics = metrics;
        this.tail = new TopicTail("avqa-gateway-answers-" + instanceId, bootstrapServers, kafkaClient,
                List.of(new TopicTail.Start(topics.answers().name(), false)), this::handle);
    }

    public AnswerConsumer start() {
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
        List<IncomingAnswer> mine = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!instanceId.equals(record.key())) {
                continue;
            }
            try {
                mine.add(IncomingAnswer.of(Contracts.ANSWER.decode(record.value())));
            } catch (RecordDecodeException e) {
                metrics.corruptRecord();
                LOG.warn("undecodable answer at {}-{}@{} sent to the dead-letter topic: {}", record.topic(),
                        record.partition(), record.offset(), e.getMessage());
                dlq.deadLetter(DeadLetters.of(record.topic(), record.partition(), record.offset(),
                        record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8), record.value(), STAGE,
                        e.getMessage()));
            }
        }
        if (!mine.isEmpty()) {
            context.runOnContext(v -> mine.forEach(onAnswer));
        }
    }

    @Override
    public void close() {
        tail.close();
    }
}
