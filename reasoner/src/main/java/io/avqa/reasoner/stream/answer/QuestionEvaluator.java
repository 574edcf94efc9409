package io.avqa.reasoner.stream.answer;

import io.avqa.reasoner.model.AnswerPrediction;
import io.avqa.reasoner.model.Window;
import io.avqa.reasoner.stream.runtime.EagerEncoderPool;
import io.avqa.reasoner.stream.runtime.EncodedWindow;
import io.avqa.reasoner.stream.runtime.ModelWorker;
import io.avqa.reasoner.stream.runtime.ModelWorkers;
import io.avqa.reasoner.stream.window.StreamWindows;
import io.avqa.reasoner.stream.window.WindowFeatures;
import io.avqa.reasoner.stream.window.WindowIndex;
import io.avqa.reasoner.text.Classification;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.avqa.schemas.Question;

/**
 * Answers one question about a stream's current window: classify the text, find the window, reuse or compute
 * its question-independent state (steps 1-5, cached by window), run the question head (steps 7-9). Every
 * outcome is an {@link Answer}; a failure becomes an ERROR answer with the reason, never an exception.
 */
public final class QuestionEvaluator {
    /** How many strides an eager stream's answer may lag its newest segment while the pool encodes it. */
    public static final int MAX_STALE_STEPS = 2;

    private final ModelWorkers workers;
    private final StreamWindows windows;

    /**
     * @param workers the per-thread models; the calling thread's is looked up per question, because a task may
     *                be initialised on another thread than the stream thread that processes it
     * @param windows the task's window stores
     */
    public QuestionEvaluator(ModelWorkers workers, StreamWindows windows) {
        this.workers = workers;
        this.windows = windows;
    }

    public String modelId() {
        return workers.card().modelId();
    }

    /**
     * The answer to {@code q} on the stream's current window.
     *
     * @param revision 0 for a new question, the next revision for a standing question's update
     * @param last     whether no further answer will follow (false for a standing question)
     */
    public Answer evaluate(Question q, int revision, boolean last) {
        try {
            ModelWorker worker = workers.current();
            Classification c = worker.model().classify(q.getText());
            if (c instanceof Classification.Unsupported u) {
                return Answers.unsupported(q, u, modelId());
            }
            Classification.Supported supported = (Classification.Supported) c;
            WindowIndex index = windows.index(q.getStreamId());
            if (index == null) {
                return Answers.status(q, AnswerStatus.UNKNOWN_STREAM, "no segment of stream '" + q.getStreamId()
                        + "' has reached the reasoner; check the stream id and that ingest and features run for it",
                        modelId(), revision, true);
            }
            Window w = windows.window();
            long[] seqs = index.select(w);
            if (seqs.length < w.steps()) {
                return Answers.noData(q, seqs.length, w, modelId(), revision, last);
            }
            EncodedWindow encoded = worker.cached(q.getStreamId(), seqs);
            if (encoded == null) {
                encoded = recentWhileEncoding(worker, q.getStreamId(), seqs, w);
            }
            if (encoded == null) {
                WindowFeatures features = windows.features(q.getStreamId(), seqs);
                if (features == null) {
                    return Answers.status(q, AnswerStatus.ERROR, "a segment of window " + seqs[0] + ".."
                            + seqs[seqs.length - 1] + " is missing from the state store", modelId(), revision, true);
                }
                encoded = worker.encode(q.getStreamId(), features);
            }
            return answer(worker, q, supported, encoded, revision, last);
        } catch (RuntimeException e) {
            return Answers.status(q, AnswerStatus.ERROR, "the model failed on this question: " + e, modelId(),
                    revision, true);
        }
    }

    /**
     * For an eager stream whose current window the encoder pool is still working on: its newest encoded window,
     * if that is at most {@link #MAX_STALE_STEPS} strides older (the answer names the window it describes).
     * Encoding here instead would make the question wait for a full window encode (62 ms for sasr-base) on a
     * core the pool is using. Null otherwise: the caller encodes the current window.
     */
    private EncodedWindow recentWhileEncoding(ModelWorker worker, String streamId, long[] seqs, Window w) {
        EagerEncoderPool pool = workers.eagerPoolIfStarted();
        if (pool == null || pool.pending(streamId) == 0) {
            return null;
        }
        EncodedWindow latest = worker.latest(streamId);
        if (latest == null) {
            return null;
        }
        long behind = seqs[seqs.length - 1] - latest.toSeq();
        return behind >= 0 && behind <= (long) MAX_STALE_STEPS * w.strideSeconds() ? latest : null;
    }

    /** Steps 7-9 only, on a window already encoded (the eager path). */
    public Answer evaluate(Question q, EncodedWindow encoded, int revision, boolean last) {
        try {
            ModelWorker worker = workers.current();
            Classification c = worker.model().classify(q.getText());
            if (c instanceof Classification.Unsupported u) {
                return Answers.unsupported(q, u, modelId());
            }
            return answer(worker, q, (Classification.Supported) c, encoded, revision, last);
        } catch (RuntimeException e) {
            return Answers.status(q, AnswerStatus.ERROR, "the model failed on this question: " + e, modelId(),
                    revision, true);
        }
    }

    private Answer answer(ModelWorker worker, Question q, Classification.Supported supported, EncodedWindow encoded,
            int revision, boolean last) {
        AnswerPrediction p = worker.answer(encoded, supported);
        return Answers.ok(q, supported, encoded, p, modelId(), revision, last);
    }
}
