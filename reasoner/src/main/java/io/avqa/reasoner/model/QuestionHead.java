package io.avqa.reasoner.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * SaSR-Net steps 7-9, the question-dependent part: runs over a cached {@link WindowState}, so a question costs
 * only the question encoder, two one-query attentions and the answer head.
 *
 * <p>Inputs: f_g_audio [B, T, D], f_sa [B, T, D], token ids [Q, L], window index [Q] (int64, which of the B
 * windows each question asks about; several questions may share a window) and, with {@link Extension#QSA}, the
 * question grid [B, 196, D]. Outputs: answer logits [Q, A], temporal attention audio [Q, T], temporal attention
 * visual [Q, T].
 */
public final class QuestionHead extends SaSRBlock {
    private final SaSRConfig config;
    private final QuestionEncoder questions;
    private final TemporalAttention audioAttention;
    private final TemporalAttention visualAttention;
    private final TemporalAttention spatialAttention;
    private final AnswerHead answer;

    QuestionHead(SaSRConfig config) {
        this.config = config;
        int d = config.width();
        boolean uniform = config.has(Ablation.TA);
        questions = child("questionEncoder", new QuestionEncoder(config.vocabulary(), d),
                new Shape(1, SaSRConfig.QUESTION_LENGTH));
        audioAttention = child("audioTemporal", new TemporalAttention(d, uniform), new Shape(1, d), new Shape(1, 1, d));
        visualAttention = child("visualTemporal", new TemporalAttention(d, uniform), new Shape(1, d),
                new Shape(1, 1, d));
        // Extension.QSA: the same one-query attention, over the 196 grid positions instead of the T steps
        spatialAttention = config.has(Extension.QSA) ? child("questionSpatial", new TemporalAttention(d, false),
                new Shape(1, d), new Shape(1, 1, d)) : null;
        answer = child("answerHead", new AnswerHead(d, config.answers()), new Shape(1, d), new Shape(1, d),
                new Shape(1, d), new Shape(1, d), new Shape(1, d));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray q = apply(questions, ps, inputs.get(2), training);
        NDArray grid = inputs.size() > 4 ? inputs.get(4) : null;
        return answer(ps, inputs.get(0), inputs.get(1), grid, q, inputs.get(3), training);
    }

    /** Step 7 alone: token ids [Q, L] to question vectors q [Q, D]. */
    public NDArray encodeQuestions(ParameterStore ps, NDArray tokenIds) {
        return apply(questions, ps, tokenIds, false);
    }

    /**
     * Steps 8-9 for question vectors q [Q, D] from {@link #encodeQuestions}; the grid is null without
     * {@link Extension#QSA}; the other inputs and the outputs are the block's own.
     */
    public NDList answer(ParameterStore ps, NDArray audioWindows, NDArray visualWindows, NDArray gridWindows,
            NDArray q, NDArray windowIndex, boolean training) {
        NDArray index = windowIndex.toType(DataType.INT64, false);
        // per question, the window it asks about: [B, T, D] -> [Q, T, D]
        NDArray audio = audioWindows.get(index);
        NDArray visual = visualWindows.get(index);
        NDList a = audioAttention.forward(ps, new NDList(q, audio), training);
        NDList v = visualAttention.forward(ps, new NDList(q, visual), training);
        NDArray attendedVisual = v.get(0);
        if (spatialAttention != null) {
            // the question's own look at the picture joins the visual evidence: [Q, D] + [Q, D]
            attendedVisual = attendedVisual.add(spatialAttention.forward(ps, new NDList(q, gridWindows.get(index)),
                    training).get(0));
        }
        NDArray logits = answer.forward(ps, new NDList(a.get(0), attendedVisual, audio.mean(new int[] {1}),
                visual.mean(new int[] {1}), q), training).head();
        return new NDList(logits, a.get(1), v.get(1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        long q = in[2].get(0);
        long t = in[0].get(1);
        return new Shape[] {new Shape(q, config.answers()), new Shape(q, t), new Shape(q, t)};
    }
}
