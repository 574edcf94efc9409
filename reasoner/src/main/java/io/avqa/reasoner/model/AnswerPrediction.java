package io.avqa.reasoner.model;

import java.util.List;

/**
 * The model's answer to one question on one window.
 *
 * @param answer           the top-1 answer
 * @param probability      its softmax probability
 * @param alternatives     the next best answers with probabilities, best first
 * @param temporalAudio    question-guided attention over the T audio steps (sums to 1)
 * @param temporalVisual   question-guided attention over the T visual steps (sums to 1)
 */
public record AnswerPrediction(String answer, float probability, List<Scored> alternatives,
        float[] temporalAudio, float[] temporalVisual) {

    /** An answer with its probability. */
    public record Scored(String answer, float probability) {
    }
}
