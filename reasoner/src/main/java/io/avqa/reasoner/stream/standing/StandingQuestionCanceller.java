package io.avqa.reasoner.stream.standing;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.avqa.reasoner.stream.answer.Answers;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.avqa.schemas.Question;

/**
 * Handles CANCEL questions: forgets the standing question with that id and replies CANCELLED (final), as the
 * revision after the last one sent. Cancelling an unknown or finished question also replies CANCELLED, saying
 * so, because the asker only wants to know that no more updates will come.
 */
public final class StandingQuestionCanceller implements Processor<String, Question, String, Answer> {
    private final String modelId;
    private ProcessorContext<String, Answer> context;
    private StandingQuestions standing;

    public StandingQuestionCanceller(String modelId) {
        this.modelId = modelId;
    }

    @Override
    public void init(ProcessorContext<String, Answer> context) {
        this.context = context;
        this.standing = StandingQuestions.from(context);
    }

    @Override
    public void process(Record<String, Question> record) {
        Question q = record.value();
        StandingQuestion s = standing.get(q.getStreamId(), q.getQuestionId());
        Answer cancelled;
        if (s == null) {
            cancelled = Answers.status(q, AnswerStatus.CANCELLED, "no standing question " + q.getQuestionId()
                    + " on stream '" + q.getStreamId() + "' (never asked, already cancelled or finished)", modelId,
                    0, true);
        } else {
            standing.remove(q.getStreamId(), q.getQuestionId());
            cancelled = Answers.status(q, AnswerStatus.CANCELLED, "standing question cancelled", modelId,
                    s.last().getRevision() + 1, true);
        }
        context.forward(new Record<>(cancelled.getReplyTo(), cancelled, record.timestamp()));
    }
}
