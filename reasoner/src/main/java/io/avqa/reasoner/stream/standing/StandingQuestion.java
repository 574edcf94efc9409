package io.avqa.reasoner.stream.standing;

import io.avqa.reasoner.stream.answer.ConfidenceBand;
import io.avqa.schemas.Answer;
import io.avqa.schemas.Question;

/**
 * A standing question and the last answer sent for it: the reference a new answer is compared with.
 *
 * @param question the question as asked (mode STANDING)
 * @param last     the last answer published for it
 */
public record StandingQuestion(Question question, Answer last) {

    /** Whether {@code next} tells the asker something new: another status, answer, or confidence band. */
    public boolean changedBy(Answer next) {
        if (next.getStatus() != last.getStatus()) {
            return true;
        }
        if (!java.util.Objects.equals(next.getAnswer(), last.getAnswer())) {
            return true;
        }
        return ConfidenceBand.of(next.getConfidence()) != ConfidenceBand.of(last.getConfidence());
    }

    public StandingQuestion answered(Answer next) {
        return new StandingQuestion(question, next);
    }
}
