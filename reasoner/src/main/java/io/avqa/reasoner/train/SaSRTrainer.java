package io.avqa.reasoner.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.avqa.dataset.musicavqa.AvqaQuestion;
import io.avqa.dataset.musicavqa.Categories;
import io.avqa.ops.log.ProgressBars;
import io.avqa.reasoner.model.Ablation;
import io.avqa.reasoner.model.Extension;
import io.avqa.reasoner.model.ModelCard;
import io.avqa.reasoner.model.SaSRConfig;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.model.SaSRNet;
import io.avqa.reasoner.text.AnswerSet;
import io.avqa.reasoner.text.QuestionTemplate;
import io.avqa.reasoner.text.TemplateCatalog;
import io.avqa.reasoner.text.Vocabulary;
import me.tongfei.progressbar.ProgressBar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains SaSR-Net on extracted features (MODEL.md "Training"): per step, B clips go through steps 1-6 once and
 * all their questions through steps 7-9; loss = CE(answer) + 0.5 CE(match) + 0.5 BCE(sources) + 0.5
 * CE(token identity); Adam with a step decay; validation after each epoch; the best checkpoint (by validation
 * accuracy) is saved to {@link TrainOptions#out()} with {@code training.json} and {@code curve.svg}.
 */
public final class SaSRTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SaSRTrainer.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Element-wise gradient clip: one bad batch must not blow the weights up. */
    private static final float CLIP_GRADIENT = 1f;

    private SaSRTrainer() {
    }

    public static TrainingResult train(TrainOptions o) throws IOException {
        SplitData train = SplitData.open(o.dataset(), "train");
        SplitData val = Files.isRegularFile(o.dataset().resolve("avqa-val.json"))
                ? SplitData.open(o.dataset(), "val") : null;
        List<String> clips = new ArrayList<>(train.clips());
        if (o.maxClips() > 0 && clips.size() > o.maxClips()) {
            clips = new ArrayList<>(clips.subList(0, o.maxClips()));
        }
        java.util.Set<String> chosen = new java.util.HashSet<>(clips);
        List<AvqaQuestion> trainQuestions = new ArrayList<>();
        for (AvqaQuestion q : train.questions()) {
            if (chosen.contains(q.videoId())) {
                trainQuestions.add(q);
            }
        }
        Vocabulary vocabulary = Vocabulary.build(trainQuestions);
        AnswerSet answers = AnswerSet.build(trainQuestions);
        TemplateCatalog catalog = TemplateCatalog.build(trainQuestions);
        String backbone = train.layout().backboneId().orElseGet(() -> {
            LOG.warn("{} has no feats/backbone.json; the model records backbone 'unknown'", o.dataset());
            return "unknown";
        });
        Engine.getInstance().setRandomSeed((int) o.seed());
        SaSRConfig config = new SaSRConfig(o.preset(), o.window(), Categories.ALL.size(), answers.size(),
                vocabulary.size(), o.ablations(), o.extensions());
        List<ModelCard.TemplateEntry> templates = new ArrayList<>();
        for (QuestionTemplate t : catalog.templates()) {
            templates.add(new ModelCard.TemplateEntry(t.text(), t.modality(), t.kind()));
        }
        ModelCard card = new ModelCard("unsaved", o.preset().id(), o.window().steps(), o.window().strideSeconds(),
                o.ablations().stream().map(Ablation::id).sorted().toList(),
                o.extensions().stream().map(Extension::id).sorted().toList(), Categories.ALL, vocabulary.tokens(),
                answers.answers(), templates, catalog.slotValues(), backbone, "", "", Map.of());

        try (NDManager manager = NDManager.newBaseManager()) {
            SaSRNet net = new SaSRNet(config).initialize(manager);
            List<Pair<String, Parameter>> params = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                p.getValue().getArray().setRequiresGradient(true);
                params.add(p);
            }
            SaSRModel model = SaSRModel.of(manager, net, card);
            int stepsPerEpoch = Prefetcher.batches(clips, o.batchClips()).size();
            Optimizer adam = Optimizer.adam()
                    .optLearningRateTracker(new StepDecay(o.learningRate(), o.decayFactor(),
                            o.decayEvery() * stepsPerEpoch))
                    .optClipGrad(CLIP_GRADIENT)
                    .build();
            Random random = new Random(o.seed());
            List<EpochStats> history = new ArrayList<>();
            ModelCard best = null;
            int bestEpoch = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            long started = System.nanoTime();
            for (int epoch = 1; epoch <= o.epochs(); epoch++) {
                Collections.shuffle(clips, random);
                double lr = o.learningRate() * Math.pow(o.decayFactor(), (epoch - 1) / Math.max(1, o.decayEvery()));
                EpochStats stats = runEpoch(o, epoch, net, params, adam, train, clips, vocabulary, answers, random,
                        manager, lr);
                double valAccuracy = val == null ? Double.NaN
                        : Evaluator.accuracy(Evaluator.predict(model, val, o.batchClips()));
                stats = new EpochStats(stats.epoch(), stats.loss(), stats.answerLoss(), stats.trainAccuracy(),
                        valAccuracy, stats.learningRate(), stats.seconds(), stats.msPerClip());
                history.add(stats);
                LOG.info("epoch {}/{}: loss {} train acc {} val acc {} ({} ms/clip)", epoch, o.epochs(),
                        String.format("%.4f", stats.loss()), String.format("%.4f", stats.trainAccuracy()),
                        String.format("%.4f", valAccuracy), String.format("%.1f", stats.msPerClip()));
                double score = val == null ? -stats.loss() : valAccuracy;
                if (score > bestScore) {
                    bestScore = score;
                    bestEpoch = epoch;
                    best = model.save(o.out(), o.weightsDtype(), metrics(o, history, epoch, clips.size(),
                            trainQuestions.size(), started));
                }
                writeHistory(o, history, bestEpoch);
            }
            return new TrainingResult(best, bestEpoch, history);
        }
    }

    private static EpochStats runEpoch(TrainOptions o, int epoch, SaSRNet net, List<Pair<String, Parameter>> params, Optimizer adam,
            SplitData train, List<String> clips, Vocabulary vocabulary, AnswerSet answers, Random random,
            NDManager manager, double lr) throws IOException {
        double lossSum = 0;
        double answerLossSum = 0;
        int steps = 0;
        int right = 0;
        int seen = 0;
        int skipped = 0;
        int sanitised = 0;
        int recomputed = 0;
        Map<String, Integer> nonFinite = new java.util.TreeMap<>();
        long t0 = System.nanoTime();
        ProgressBar bar = o.progress() ? ProgressBars.builder("epoch " + epoch + "/" + o.epochs(), clips.size(), 500)
                .setUnit(" clips", 1).continuousUpdate().build() : null;
        try (Prefetcher prefetch = new Prefetcher(train, o.window(), Prefetcher.batches(clips, o.batchClips()))) {
            while (prefetch.hasNext()) {
                List<ClipData> batch = prefetch.next();
                try (NDManager m = manager.newSubManager()) {
                    ClipBatch b = ClipBatch.of(m, batch, o.window().steps(), vocabulary, answers, random);
                    // a seed per step makes the step's random draws (drop-path) repeatable for NonFiniteProbe
                    int stepSeed = random.nextInt();
                    Engine.getInstance().setRandomSeed(stepSeed);
                    SaSRLoss.Terms terms;
                    NDArray logits;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        SaSRNet.TrainingOutputs out = NonFiniteProbe.forward(net, b, m);
                        terms = SaSRLoss.compute(out, b.answers(), b.heard(), b.visible(), b.secondHeard(),
                                b.secondColumns(), b.secondMask());
                        gc.backward(terms.total());
                        logits = out.answerLogits();
                    }
                    float loss = terms.total().getFloat();
                    NDArray[] grads = new NDArray[params.size()];
                    NDArray[] bad = new NDArray[params.size()];
                    boolean anyBad = readGradients(params, m, grads, bad);
                    if (anyBad && Float.isFinite(loss)) {
                        // Non-finite gradient entries with a finite loss have not reproduced when the same step
                        // is run again (same batch, parameters and drop-path draws; NonFiniteProbe), so the step
                        // is recomputed once; only entries that stay non-finite are zeroed below.
                        recomputed++;
                        NonFiniteProbe.replay(net, params, b, stepSeed, m, SaSRLoss.Terms::total);
                        anyBad = readGradients(params, m, grads, bad);
                        if (anyBad) {
                            LOG.warn("epoch {} step {}: non-finite gradient again on recomputing; each term "
                                    + "alone: {}", epoch, steps + skipped + 1, NonFiniteProbe.describe(
                                            NonFiniteProbe.attribute(net, params, b, stepSeed, m)));
                            // the attribution left the last term's gradients: back to the total's
                            NonFiniteProbe.replay(net, params, b, stepSeed, m, SaSRLoss.Terms::total);
                            readGradients(params, m, grads, bad);
                        }
                    }
                    for (int i = 0; i < grads.length; i++) {
                        if (grads[i] == null) {
                            continue;
                        }
                        Parameter p = params.get(i).getValue();
                        NDArray w = p.getArray();
                        NDArray g = grads[i];
                        if (!Float.isFinite(loss)) {
                            // DJL's Adam zeroes the weight's gradient after each update; a zero update keeps
                            // that contract for a skipped step (momentum still applies)
                            adam.update(p.getId(), w, g.zerosLike());
                        } else if (anyBad && bad[i].any().getBoolean()) {
                            // (a healthy step does not ask each parameter a second time: readGradients did)
                            // non-finite entries with a finite loss that stayed on recomputing; zeroed (counted
                            // and logged) instead of poisoning Adam's state
                            sanitised++;
                            nonFinite.merge(params.get(i).getKey(), 1, Integer::sum);
                            adam.update(p.getId(), w, NDArrays.where(bad[i], g.zerosLike(), g));
                        } else {
                            adam.update(p.getId(), w, g);
                        }
                    }
                    if (!Float.isFinite(loss)) {
                        skipped++;
                        continue;
                    }
                    lossSum += loss;
                    answerLossSum += terms.answer().getFloat();
                    long[] predicted = logits.argMax(1).toLongArray();
                    for (int i = 0; i < predicted.length; i++) {
                        right += predicted[i] == b.answerIds()[i] ? 1 : 0;
                    }
                    seen += predicted.length;
                    steps++;
                }
                if (bar != null) {
                    bar.stepBy(batch.size());
                    bar.setExtraMessage(String.format(" loss %.3f acc %.1f%%", lossSum / steps, 100.0 * right / seen));
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        if (recomputed > 0) {
            LOG.info("epoch {}: recomputed {} steps whose gradient held non-finite entries with a finite loss",
                    epoch, recomputed);
        }
        if (sanitised > 0) {
            LOG.warn("epoch {}: zeroed non-finite gradient entries in {} parameter updates: {}", epoch, sanitised,
                    nonFinite);
        }
        if (skipped > 0) {
            LOG.warn("epoch {}: skipped {} steps with a non-finite loss", epoch, skipped);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new EpochStats(epoch, lossSum / Math.max(1, steps), answerLossSum / Math.max(1, steps),
                seen == 0 ? 0 : right / (double) seen, Double.NaN, lr, seconds, 1000 * seconds / clips.size());
    }

    /**
     * Reads each parameter's gradient into {@code grads} (null where a part an ablation switched off, e.g. the
     * temporal attention under "ta", takes no part in the loss) and marks its non-finite entries in {@code bad};
     * returns whether there are any.
     */
    private static boolean readGradients(List<Pair<String, Parameter>> params, NDManager m, NDArray[] grads,
            NDArray[] bad) {
        boolean any = false;
        for (int i = 0; i < grads.length; i++) {
            try {
                grads[i] = params.get(i).getValue().getArray().getGradient();
            } catch (IllegalStateException e) {
                continue;
            }
            // the gradient handle (and anything computed from it) is freed with the step's manager
            grads[i].attach(m);
            bad[i] = grads[i].isNaN().logicalOr(grads[i].isInfinite());
            any |= bad[i].any().getBoolean();
        }
        return any;
    }

    private static Map<String, Object> metrics(TrainOptions o, List<EpochStats> history, int epoch, int clips,
            int questions, long started) {
        EpochStats e = history.get(history.size() - 1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("epochsPlanned", o.epochs());
        m.put("trainClips", clips);
        m.put("trainQuestions", questions);
        m.put("trainAccuracy", e.trainAccuracy());
        m.put("valAccuracy", Double.isNaN(e.valAccuracy()) ? null : e.valAccuracy());
        m.put("loss", e.loss());
        m.put("msPerClip", e.msPerClip());
        m.put("trainingSeconds", (System.nanoTime() - started) / 1e9);
        m.put("batchClips", o.batchClips());
        m.put("learningRate", o.learningRate());
        m.put("seed", o.seed());
        return m;
    }

    private static void writeHistory(TrainOptions o, List<EpochStats> history, int bestEpoch) throws IOException {
        Files.createDirectories(o.out());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("bestEpoch", bestEpoch);
        root.put("history", history.stream().map(SaSRTrainer::asMap).toList());
        JSON.writeValue(o.out().resolve("training.json").toFile(), root);
        Files.writeString(o.out().resolve("curve.svg"),
                TrainingCurve.svg(o.preset().id() + " on " + o.dataset().getFileName(), history), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> asMap(EpochStats e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", e.epoch());
        m.put("loss", e.loss());
        m.put("answerLoss", e.answerLoss());
        m.put("trainAccuracy", e.trainAccuracy());
        m.put("valAccuracy", Double.isNaN(e.valAccuracy()) ? null : e.valAccuracy());
        m.put("learningRate", e.learningRate());
        m.put("seconds", e.seconds());
        m.put("msPerClip", e.msPerClip());
        return m;
    }
}
