package io.avqa.reasoner.stream.answer;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.avqa.reasoner.stream.DeadLetterRoute;
import io.avqa.schemas.Question;
import io.avqa.schemas.QuestionMode;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.codec.RecordDecodeException;

/**
 * Turns raw {@code avqa.questions} records into {@link Question}s and routes them: ONCE and STANDING to the
 * answerer, CANCEL to the canceller. A record without the ids needed to reply goes to the dead-letter topic.
 */
public final class QuestionDecoder implements Processor<byte[], byte[], Object, Object> {
    private final String answerer;
    private final String canceller;
    private final DeadLetterRoute dlq;
    private ProcessorContext<Object, Object> context;

    public QuestionDecoder(String answerer, String canceller, String dlqSink) {
        this.answerer = answerer;
        this.canceller = canceller;
        this.dlq = new DeadLetterRoute(dlqSink);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Question q;
        try {
            q = Contracts.QUESTION.decode(record.value());
        } catch (RecordDecodeException e) {
            dlq.send(context, record, "not a Question: " + e.getMessage());
            return;
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!q.getStreamId().equals(key)) {
            dlq.send(context, record, "key '" + key + "' is not the question's streamId '" + q.getStreamId()
                    + "' (questions must be keyed by streamId to meet the stream's window)");
            return;
        }
        if (q.getQuestionId().isBlank() || q.getReplyTo().isBlank()) {
            dlq.send(context, record, "question without questionId or replyTo cannot be answered");
            return;
        }
        String child = q.getMode() == QuestionMode.CANCEL ? canceller : answerer;
        context.forward(new Record<Object, Object>(q.getStreamId(), q, record.timestamp()), child);
    }
}
