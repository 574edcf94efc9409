package io.avqa.reasoner.stream.answer;

import java.util.ArrayList;
import java.util.List;

import io.avqa.reasoner.model.AnswerPrediction;
import io.avqa.reasoner.model.Window;
import io.avqa.reasoner.stream.runtime.EncodedWindow;
import io.avqa.reasoner.text.Classification;
import io.avqa.schemas.Alternative;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.avqa.schemas.Question;
import io.avqa.schemas.SpatialAttention;
import io.avqa.schemas.WindowFill;

/** Builds {@link Answer} records with every field filled the same way, whatever the status. */
public final class Answers {
    /** The spatial attention grid of ResNet-18's layer4 map at stride 16 on 224 x 224 frames. */
    static final int GRID = 14;

    private Answers() {
    }

    /** A non-OK answer: no window, no attention, only the reason. */
    public static Answer status(Question q, AnswerStatus status, String reason, String modelId, int revision,
            boolean last) {
        return base(q, modelId, revision, last).setStatus(status).setReason(reason).build();
    }

    /**
     * NO_DATA while the stream's window fills: how far it is, as text ("window filling: 3 of 10 seconds") and as
     * a {@link WindowFill} a client can show or count down from.
     *
     * @param held the segments the window holds now, fewer than {@code window.steps()}
     */
    public static Answer noData(Question q, int held, Window window, String modelId, int revision, boolean last) {
        WindowFill fill = new WindowFill(held, window.steps(), window.strideSeconds());
        String reason = fillingText(fill) + " (" + window + "); answers start when it is full, in about "
                + (window.steps() - held) * window.strideSeconds() + " s";
        return base(q, modelId, revision, last).setStatus(AnswerStatus.NO_DATA).setReason(reason).setWindowFill(fill)
                .build();
    }

    /** "window filling: 3 of 10 seconds", or at a stride above 1 s "window filling: 3 of 10 segments, one every 6 s". */
    static String fillingText(WindowFill fill) {
        return fill.getStrideSeconds() == 1
                ? "window filling: " + fill.getSegments() + " of " + fill.getSteps() + " seconds"
                : "window filling: " + fill.getSegments() + " of " + fill.getSteps() + " segments, one every "
                        + fill.getStrideSeconds() + " s";
    }

    public static Answer unsupported(Question q, Classification.Unsupported u, String modelId) {
        List<String> suggestions = u.closest().stream().map(Classification.Suggestion::question).toList();
        return base(q, modelId, 0, true).setStatus(AnswerStatus.UNSUPPORTED_QUESTION)
                .setReason("unsupported question: " + u.reason())
                .setSuggestions(suggestions).build();
    }

    /** An OK answer from a model prediction on an encoded window. */
    public static Answer ok(Question q, Classification.Supported question, EncodedWindow window,
            AnswerPrediction p, String modelId, int revision, boolean last) {
        List<Alternative> topK = new ArrayList<>();
        topK.add(new Alternative(p.answer(), p.probability()));
        for (AnswerPrediction.Scored s : p.alternatives()) {
            topK.add(new Alternative(s.answer(), s.probability()));
        }
        int focus = argmax(p.temporalVisual());
        SpatialAttention spatial = SpatialAttention.newBuilder().setSeq(window.seqs()[focus]).setHeight(GRID)
                .setWidth(GRID).setWeights(boxed(window.spatial()[focus])).build();
        return base(q, modelId, revision, last)
                .setStatus(AnswerStatus.OK)
                .setAnswer(p.answer())
                .setConfidence(p.probability())
                .setTopK(topK)
                .setQuestionType(question.typeName())
                .setUnderstoodAs(question.understoodAs())
                .setFromSeq(window.fromSeq())
                .setToSeq(window.toSeq())
                .setTemporalAudio(boxed(p.temporalAudio()))
                .setTemporalVisual(boxed(p.temporalVisual()))
                .setSpatial(spatial)
                .setIngestMs(window.newest().getIngestMs())
                .setFeaturesMs(window.newest().getFeaturesMs())
                .build();
    }

    /** The same answer as a later revision (a standing question's update). */
    public static Answer revised(Answer a, int revision) {
        return Answer.newBuilder(a).setRevision(revision).build();
    }

    private static Answer.Builder base(Question q, String modelId, int revision, boolean last) {
        return Answer.newBuilder()
                .setQuestionId(q.getQuestionId())
                .setStreamId(q.getStreamId())
                .setReplyTo(q.getReplyTo())
                .setStatus(AnswerStatus.ERROR)
                .setModelId(modelId)
                .setRevision(revision)
                .setFinal$(last)
                .setAskedMs(q.getAskedMs())
                .setAnsweredMs(System.currentTimeMillis());
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    static List<Float> boxed(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float f : v) {
            out.add(f);
        }
        return out;
    }
}
