package io.avqa.reasoner.train;

import java.util.List;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.avqa.dataset.musicavqa.AvqaQuestion;
import io.avqa.dataset.musicavqa.SecondLabels;
import io.avqa.reasoner.text.AnswerSet;
import io.avqa.reasoner.text.QuestionTokenizer;
import io.avqa.reasoner.text.Vocabulary;

/**
 * B clips and all their Q questions as arrays: the clips' windows run through steps 1-6 once, and each
 * question points at its clip through {@code windowIndex}.
 *
 * @param audio         [B, T, 128]
 * @param visual        [B, T, 512, 14, 14]
 * @param tokens        [Q, 14] int64
 * @param windowIndex   [Q] int64, clip of each question
 * @param answers       [Q] int64 answer class, -1 when the answer is not in the answer set
 * @param heard         [B, C] 0/1
 * @param visible       [B, C] 0/1
 * @param secondHeard   [B, T, C] 0/1, which categories sound at each step (zeros where the clip has no labels)
 * @param secondColumns [B, T, 3] 0/1, in which columns a visible instrument sounds at each step (likewise)
 * @param secondMask    [B] 1 where the clip has per-second labels, else 0
 * @param negatives     [B*T] int64: for each step, a random step of a different clip of the batch (match head)
 * @param answerIds     the answer classes as Java ints (for accuracy without a device round trip)
 */
public record ClipBatch(NDArray audio, NDArray visual, NDArray tokens, NDArray windowIndex, NDArray answers,
        NDArray heard, NDArray visible, NDArray secondHeard, NDArray secondColumns, NDArray secondMask,
        NDArray negatives, int[] answerIds) {

    /** Builds the arrays in {@code m}; {@code random} picks the negatives. */
    public static ClipBatch of(NDManager m, List<ClipData> clips, int steps, Vocabulary vocabulary,
            AnswerSet answerSet, Random random) {
        int b = clips.size();
        int q = clips.stream().mapToInt(c -> c.questions().size()).sum();
        int audioLen = clips.get(0).audio().length;
        int visualLen = clips.get(0).visual().length;
        int c = clips.get(0).heard().length;
        float[] audio = new float[b * audioLen];
        float[] visual = new float[b * visualLen];
        float[] heard = new float[b * c];
        float[] visible = new float[b * c];
        int k = SecondLabels.COLUMNS.size();
        float[] secondHeard = new float[b * steps * c];
        float[] secondColumns = new float[b * steps * k];
        float[] secondMask = new float[b];
        long[][] tokens = new long[q][];
        long[] windowIndex = new long[q];
        long[] answers = new long[q];
        int[] answerIds = new int[q];
        int n = 0;
        for (int i = 0; i < b; i++) {
            ClipData clip = clips.get(i);
            System.arraycopy(clip.audio(), 0, audio, i * audioLen, audioLen);
            System.arraycopy(clip.visual(), 0, visual, i * visualLen, visualLen);
            System.arraycopy(clip.heard(), 0, heard, i * c, c);
            System.arraycopy(clip.visible(), 0, visible, i * c, c);
            if (clip.seconds() != null) {
                System.arraycopy(clip.seconds().heard(), 0, secondHeard, i * steps * c, steps * c);
                System.arraycopy(clip.seconds().columns(), 0, secondColumns, i * steps * k, steps * k);
                secondMask[i] = 1f;
            }
            for (AvqaQuestion question : clip.questions()) {
                tokens[n] = vocabulary.encode(QuestionTokenizer.words(question.content(), question.templValues()));
                windowIndex[n] = i;
                answerIds[n] = answerSet.indexOf(question.answer());
                answers[n] = Math.max(answerIds[n], 0);
                n++;
            }
        }
        long[] negatives = new long[b * steps];
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < steps; t++) {
                // a different clip when the batch has one; a single-clip batch falls back to shuffled steps
                int other = b > 1 ? (i + 1 + random.nextInt(b - 1)) % b : i;
                negatives[i * steps + t] = (long) other * steps + random.nextInt(steps);
            }
        }
        return new ClipBatch(
                m.create(audio, new Shape(b, steps, 128)),
                m.create(visual, new Shape(b, steps, 512, 14, 14)),
                m.create(tokens),
                m.create(windowIndex),
                m.create(answers),
                m.create(heard, new Shape(b, c)),
                m.create(visible, new Shape(b, c)),
                m.create(secondHeard, new Shape(b, steps, c)),
                m.create(secondColumns, new Shape(b, steps, k)),
                m.create(secondMask, new Shape(b)),
                m.create(negatives),
                answerIds);
    }

    public int questions() {
        return answerIds.length;
    }
}
