package io.avqa.features.probe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.avqa.dataset.musicavqa.Categories;

/**
 * The frozen-feature probes: linear read-outs fitted on 70 % of the clips and scored on the other 30 % (split by
 * clip, so no clip is on both sides). Each asks one thing the reasoner needs:
 * <ul>
 *   <li>visible instrument category, from the map cells of its box (22-way accuracy);</li>
 *   <li>visible categories, from the pooled vector (mean AUC over categories);</li>
 *   <li>sounding categories, from the audio embedding (mean AUC, and the exact set at 0.5);</li>
 *   <li>whether a visible instrument sounds, from its box's map cells (AUC);</li>
 *   <li>how many instruments are on screen, from the pooled vector (accuracy over 0..4).</li>
 * </ul>
 */
public final class Probes {
    private static final int C = Categories.ALL.size();
    private static final int MAX_COUNT = 4;

    private Probes() {
    }

    static List<ProbeResult> run(List<ProbeSample> samples, long seed) {
        List<String> clips = new ArrayList<>(new TreeSet<>(samples.stream().map(ProbeSample::clip).toList()));
        java.util.Collections.shuffle(clips, new Random(seed));
        Set<String> trainClips = new HashSet<>(clips.subList(0, (int) Math.round(clips.size() * 0.7)));
        List<ProbeSample> train = samples.stream().filter(s -> trainClips.contains(s.clip())).toList();
        List<ProbeSample> test = samples.stream().filter(s -> !trainClips.contains(s.clip())).toList();
        List<ProbeResult> out = new ArrayList<>();
        out.add(boxCategory(train, test));
        out.add(multiLabel("visible categories from the pooled vector", train, test, ProbeSample::pooled,
                s -> s.labels().visible(), false));
        out.add(multiLabel("sounding categories from audio", train, test, ProbeSample::audio,
                s -> s.labels().heard(), false));
        out.add(multiLabel("sounding categories from audio", train, test, ProbeSample::audio,
                s -> s.labels().heard(), true));
        out.add(sounding(train, test));
        out.add(count(train, test));
        return out;
    }

    private static ProbeResult boxCategory(List<ProbeSample> train, List<ProbeSample> test) {
        Rows tr = boxRows(train, b -> oneHot(b.category(), C), C);
        Rows te = boxRows(test, b -> oneHot(b.category(), C), C);
        float[] p = LinearProbe.fitPredict(LinearProbe.Kind.SINGLE_LABEL, tr.x, tr.y, te.x, 512, C);
        return new ProbeResult("visible instrument category from its box's map cells", "accuracy",
                accuracy(p, te.y, C), tr.n, te.n);
    }

    private static ProbeResult sounding(List<ProbeSample> train, List<ProbeSample> test) {
        Rows tr = boxRows(train, b -> new float[] {b.sounding() ? 1 : 0}, 1);
        Rows te = boxRows(test, b -> new float[] {b.sounding() ? 1 : 0}, 1);
        float[] p = LinearProbe.fitPredict(LinearProbe.Kind.MULTI_LABEL, tr.x, tr.y, te.x, 512, 1);
        boolean[] labels = new boolean[te.n];
        for (int i = 0; i < te.n; i++) {
            labels[i] = te.y[i] > 0.5f;
        }
        return new ProbeResult("a visible instrument sounds, from its box's map cells", "AUC", Auc.of(p, labels),
                tr.n, te.n);
    }

    private static ProbeResult count(List<ProbeSample> train, List<ProbeSample> test) {
        Function<ProbeSample, float[]> y = s -> oneHot(Math.min(MAX_COUNT, s.labels().boxes().size()), MAX_COUNT + 1);
        Rows tr = rows(train, ProbeSample::pooled, y, 512, MAX_COUNT + 1);
        Rows te = rows(test, ProbeSample::pooled, y, 512, MAX_COUNT + 1);
        float[] p = LinearProbe.fitPredict(LinearProbe.Kind.SINGLE_LABEL, tr.x, tr.y, te.x, 512, MAX_COUNT + 1);
        return new ProbeResult("number of instruments on screen from the pooled vector", "accuracy",
                accuracy(p, te.y, MAX_COUNT + 1), tr.n, te.n);
    }

    private static ProbeResult multiLabel(String name, List<ProbeSample> train, List<ProbeSample> test,
            Function<ProbeSample, float[]> x, Function<ProbeSample, float[]> y, boolean exactSet) {
        int d = x.apply(train.get(0)).length;
        Rows tr = rows(train, x, y, d, C);
        Rows te = rows(test, x, y, d, C);
        float[] p = LinearProbe.fitPredict(LinearProbe.Kind.MULTI_LABEL, tr.x, tr.y, te.x, d, C);
        if (exactSet) {
            int right = 0;
            for (int i = 0; i < te.n; i++) {
                boolean all = true;
                for (int c = 0; c < C; c++) {
                    all &= (p[i * C + c] >= 0.5f) == (te.y[i * C + c] > 0.5f);
                }
                right += all ? 1 : 0;
            }
            return new ProbeResult(name + " (exact set)", "accuracy", right / (double) te.n, tr.n, te.n);
        }
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < C; c++) {
            float[] scores = new float[te.n];
            boolean[] labels = new boolean[te.n];
            for (int i = 0; i < te.n; i++) {
                scores[i] = p[i * C + c];
                labels[i] = te.y[i * C + c] > 0.5f;
            }
            double auc = Auc.of(scores, labels);
            if (!Double.isNaN(auc)) {
                sum += auc;
                counted++;
            }
        }
        // categories absent from (or always present in) the held-out clips have no AUC
        return new ProbeResult(name, "mean AUC", counted == 0 ? Double.NaN : sum / counted, tr.n, te.n);
    }

    private record Rows(float[] x, float[] y, int n) {
    }

    private static Rows rows(List<ProbeSample> samples, Function<ProbeSample, float[]> x,
            Function<ProbeSample, float[]> y, int d, int k) {
        float[] xs = new float[samples.size() * d];
        float[] ys = new float[samples.size() * k];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(x.apply(samples.get(i)), 0, xs, i * d, d);
            System.arraycopy(y.apply(samples.get(i)), 0, ys, i * k, k);
        }
        return new Rows(xs, ys, samples.size());
    }

    private static Rows boxRows(List<ProbeSample> samples, Function<ProbeSample.BoxFeature, float[]> y, int k) {
        List<ProbeSample.BoxFeature> boxes = samples.stream().flatMap(s -> s.boxes().stream()).toList();
        float[] xs = new float[boxes.size() * 512];
        float[] ys = new float[boxes.size() * k];
        for (int i = 0; i < boxes.size(); i++) {
            System.arraycopy(boxes.get(i).values(), 0, xs, i * 512, 512);
            System.arraycopy(y.apply(boxes.get(i)), 0, ys, i * k, k);
        }
        return new Rows(xs, ys, boxes.size());
    }

    private static float[] oneHot(int index, int k) {
        float[] v = new float[k];
        v[index] = 1;
        return v;
    }

    private static double accuracy(float[] p, float[] oneHot, int k) {
        int n = p.length / k;
        int right = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            int truth = 0;
            for (int c = 1; c < k; c++) {
                best = p[i * k + c] > p[i * k + best] ? c : best;
                truth = oneHot[i * k + c] > oneHot[i * k + truth] ? c : truth;
            }
            right += best == truth ? 1 : 0;
        }
        return right / (double) Math.max(1, n);
    }
}
