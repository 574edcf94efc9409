package io.avqa.reasoner.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.avqa.dataset.musicavqa.AvqaQuestion;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.model.WindowState;

/**
 * Runs a model over a split the way the live system does: steps 1-5 once per clip window, then steps 7-9 for
 * each of its questions over the cached state. Returns one prediction per question (top-1).
 */
public final class Evaluator {
    private Evaluator() {
    }

    /** Predictions for every question of {@code split}, {@code batchClips} clips at a time. */
    public static List<QuestionPrediction> predict(SaSRModel model, SplitData split, int batchClips)
            throws IOException {
        return predict(model, split, batchClips, null);
    }

    /** As {@link #predict(SaSRModel, SplitData, int)}, calling {@code progress} with questions done. */
    public static List<QuestionPrediction> predict(SaSRModel model, SplitData split, int batchClips,
            java.util.function.IntConsumer progress) throws IOException {
        List<QuestionPrediction> out = new ArrayList<>(split.questionCount());
        NDManager base = model.net().getParameters().get(0).getValue().getArray().getManager();
        try (Prefetcher clips = new Prefetcher(split, model.window(), Prefetcher.batches(split.clips(), batchClips))) {
            while (clips.hasNext()) {
                List<ClipData> batch = clips.next();
                try (NDManager m = base.newSubManager()) {
                    ClipBatch b = ClipBatch.of(m, batch, model.window().steps(), model.vocabulary(), model.answers(),
                            new Random(0));
                    WindowState state = model.encode(b.audio(), b.visual());
                    ParameterStore ps = new ParameterStore(m, false);
                    NDList inputs = new NDList(state.audio(), state.visual(), b.tokens(), b.windowIndex());
                    if (state.questionGrid() != null) {
                        inputs.add(state.questionGrid());
                    }
                    NDList heads = model.net().questionHead().forward(ps, inputs, false);
                    NDArray probs = heads.get(0).softmax(1);
                    long[] best = probs.argMax(1).toLongArray();
                    float[] top = probs.max(new int[] {1}).toFloatArray();
                    int k = 0;
                    for (ClipData clip : batch) {
                        for (AvqaQuestion q : clip.questions()) {
                            out.add(new QuestionPrediction(q.videoId(), q.questionId(), q.typeName(),
                                    q.content().trim(), q.answer(), model.answers().answer((int) best[k]), top[k]));
                            k++;
                        }
                    }
                    if (progress != null) {
                        progress.accept(k);
                    }
                }
            }
        }
        return out;
    }

    /** Fraction of correct predictions (0 for an empty list). */
    public static double accuracy(List<QuestionPrediction> predictions) {
        if (predictions.isEmpty()) {
            return 0;
        }
        return predictions.stream().filter(QuestionPrediction::correct).count() / (double) predictions.size();
    }
}
