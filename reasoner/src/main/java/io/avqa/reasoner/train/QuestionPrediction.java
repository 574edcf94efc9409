package io.avqa.reasoner.train;

/**
 * The model's answer to one annotated question (what {@code avqa eval} scores and what a replay of the same
 * clips through the streaming reasoner is compared against).
 *
 * @param videoId     clip
 * @param questionId  question id in the split
 * @param typeName    "Audio-Visual/Temporal" style type
 * @param template    template text
 * @param answer      ground truth
 * @param predicted   the model's top-1 answer
 * @param probability its probability
 */
public record QuestionPrediction(String videoId, long questionId, String typeName, String template, String answer,
        String predicted, float probability) {

    public boolean correct() {
        return answer.equals(predicted);
    }
}
