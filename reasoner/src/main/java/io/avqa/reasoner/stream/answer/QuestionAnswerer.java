package io.avqa.reasoner.stream.answer;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.MDC;

import io.avqa.reasoner.model.Window;
import io.avqa.reasoner.stream.runtime.ModelWorkers;
import io.avqa.reasoner.stream.standing.StandingQuestion;
import io.avqa.reasoner.stream.standing.StandingQuestions;
import io.avqa.reasoner.stream.window.StreamWindows;
import io.avqa.schemas.Answer;
import io.avqa.schemas.Question;
import io.avqa.schemas.QuestionMode;

/**
 * Answers a new question from the stream's current window, keyed by the asker's gateway ({@code replyTo}).
 * A STANDING question whose answer is not final is remembered with that answer, which makes its stream eager:
 * from then on each new segment re-evaluates it.
 */
public final class QuestionAnswerer implements Processor<String, Question, String, Answer> {
    private final ModelWorkers workers;
    private final Window window;
    private ProcessorContext<String, Answer> context;
    private QuestionEvaluator evaluator;
    private StandingQuestions standing;
    private QuestionTimers timers;

    public QuestionAnswerer(ModelWorkers workers, Window window) {
        this.workers = workers;
        this.window = window;
    }

    @Override
    public void init(ProcessorContext<String, Answer> context) {
        this.context = context;
        this.evaluator = new QuestionEvaluator(workers, StreamWindows.from(context, window));
        this.standing = StandingQuestions.from(context);
        this.timers = QuestionTimers.in(workers.registry());
    }

    @Override
    public void process(Record<String, Question> record) {
        Question q = record.value();
        MDC.put("streamId", q.getStreamId());
        MDC.put("questionId", q.getQuestionId());
        boolean standingQuestion = q.getMode() == QuestionMode.STANDING;
        long takenUpMs = System.currentTimeMillis();
        long started = System.nanoTime();
        Answer answer = evaluator.evaluate(q, 0, !standingQuestion);
        timers.record(takenUpMs - q.getAskedMs(), System.nanoTime() - started);
        if (standingQuestion && !answer.getFinal$()) {
            standing.put(new StandingQuestion(q, answer));
        }
        context.forward(new Record<>(answer.getReplyTo(), answer, record.timestamp()));
        MDC.remove("questionId");
    }
}
