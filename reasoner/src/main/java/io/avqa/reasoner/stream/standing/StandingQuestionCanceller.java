package io.avqa.reasoner.stream.standing;

import java.time.Duration;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.avqa.reasoner.stream.answer.Answers;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.avqa.schemas.Question;

/**
 * Ends standing questions. On a CANCEL question: forgets the standing question with that id and replies
 * CANCELLED (final), as the revision after the last one sent. Cancelling an unknown or finished question also
 * replies CANCELLED, saying so, because the asker only wants to know that no more updates will come. Every
 * {@link #END_CHECK} of wall-clock time it also closes the standing questions of streams that ingest reported
 * ENDED or FAILED ({@link StreamStates}): a final CANCELLED reply naming the reason, so no asker waits for
 * updates that cannot come.
 */
public final class StandingQuestionCanceller implements Processor<String, Question, String, Answer> {
    /** How often standing questions are checked against their streams' states. */
    public static final Duration END_CHECK = Duration.ofSeconds(1);

    private final String modelId;
    private ProcessorContext<String, Answer> context;
    private StandingQuestions standing;
    private StreamStates streams;

    public StandingQuestionCanceller(String modelId) {
        this.modelId = modelId;
    }

    @Override
    public void init(ProcessorContext<String, Answer> context) {
        this.context = context;
        this.standing = StandingQuestions.from(context);
        this.streams = StreamStates.from(context);
        context.schedule(END_CHECK, PunctuationType.WALL_CLOCK_TIME, this::closeEnded);
    }

    private void closeEnded(long now) {
        for (StandingQuestion s : standing.all()) {
            Question q = s.question();
            String ended = streams.endReason(q.getStreamId());
            if (ended != null) {
                standing.remove(q.getStreamId(), q.getQuestionId());
                Answer closed = Answers.status(q, AnswerStatus.CANCELLED, "stream '" + q.getStreamId()
                        + "' is over (" + ended + "); the standing question is closed", modelId,
                        s.last().getRevision() + 1, true);
                context.forward(new Record<>(closed.getReplyTo(), closed, now));
            }
        }
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
