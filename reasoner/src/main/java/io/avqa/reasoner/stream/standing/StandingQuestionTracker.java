package io.avqa.reasoner.stream.standing;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.avqa.reasoner.model.Window;
import io.avqa.reasoner.stream.answer.QuestionEvaluator;
import io.avqa.reasoner.stream.runtime.EncodedWindow;
import io.avqa.reasoner.stream.runtime.ModelWorkers;
import io.avqa.reasoner.stream.window.StreamWindows;
import io.avqa.schemas.Answer;

/**
 * Re-evaluates a stream's standing questions on each newly encoded window and publishes an answer only when it
 * changed (status, answer or confidence band), as the next revision with {@code final=false}. A question whose
 * new answer is final (e.g. ERROR) is forgotten.
 */
public final class StandingQuestionTracker implements Processor<String, EncodedWindow, String, Answer> {
    private final ModelWorkers workers;
    private final Window window;
    private ProcessorContext<String, Answer> context;
    private StandingQuestions standing;
    private QuestionEvaluator evaluator;

    public StandingQuestionTracker(ModelWorkers workers, Window window) {
        this.workers = workers;
        this.window = window;
    }

    @Override
    public void init(ProcessorContext<String, Answer> context) {
        this.context = context;
        this.standing = StandingQuestions.from(context);
        this.evaluator = new QuestionEvaluator(workers, StreamWindows.from(context, window));
    }

    @Override
    public void process(Record<String, EncodedWindow> record) {
        EncodedWindow encoded = record.value();
        for (StandingQuestion s : standing.of(encoded.streamId())) {
            Answer next = evaluator.evaluate(s.question(), encoded, s.last().getRevision() + 1, false);
            if (!s.changedBy(next)) {
                continue;
            }
            if (next.getFinal$()) {
                standing.remove(encoded.streamId(), s.question().getQuestionId());
            } else {
                standing.put(s.answered(next));
            }
            context.forward(new Record<>(next.getReplyTo(), next, record.timestamp()));
        }
    }
}
