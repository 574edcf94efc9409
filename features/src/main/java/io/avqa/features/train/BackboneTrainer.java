package io.avqa.features.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Optimizer;
import me.tongfei.progressbar.ProgressBar;

import io.avqa.ops.log.ProgressBars;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.avqa.features.audio.VggishNetwork;
import io.avqa.features.extract.InferenceThreads;
import io.avqa.features.nn.TorchParameter;
import io.avqa.features.offline.SegmentSource;
import io.avqa.features.visual.ResNet18;
import io.avqa.features.weights.Backbone;
import io.avqa.features.weights.DirectoryBackbone;
import io.avqa.features.weights.Network;
import io.avqa.features.weights.WeightBinder;
import io.avqa.features.weights.WeightMismatchException;

/**
 * {@code avqa features train}: trains the backbones on a labelled dataset's train split and writes a backbone
 * directory that {@code --weights} loads (see {@link VisualTrainer} and {@link AudioTrainer} for what is learnt
 * and why). Both networks start from {@code seeded-v1}, or from another backbone directory ({@code --init}: fine-tune
 * a trained backbone, or carry one network over untrained with zero epochs). ResNet-18 checkpoints every few hundred steps into
 * {@code OUT/checkpoint/}; a new run with the same OUT resumes from there (weights and step; Adam's moments
 * restart). The card ({@code card.json}) records data, seed, recipe, times and the loss log.
 */
public final class BackboneTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(BackboneTrainer.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** VGGish's parameter groups (torchvggish prefixes): a backbone directory lists those it leaves seeded. */
    static final List<String> VGGISH_GROUPS = List.of("features.", "embeddings.0.", "embeddings.2.", "embeddings.4.");
    /** VGGish layers that keep their seeded-v1 values when only the last FC layer is trained. */
    static final List<String> VGGISH_SEEDED = List.of("features.", "embeddings.0.", "embeddings.2.");

    private BackboneTrainer() {
    }

    /** Trains and writes the directory; returns the written backbone. */
    public static DirectoryBackbone train(BackboneTrainOptions o, SegmentSource source)
            throws IOException, WeightMismatchException {
        long started = System.nanoTime();
        InferenceThreads.set(o.threads());
        Engine.getInstance().setRandomSeed((int) o.seed());
        List<String> clips = LabelledClips.clipIds(o.dataset(), "train");
        if (o.clips() > 0 && o.clips() < clips.size()) {
            clips = clips.subList(0, o.clips());
        }
        LOG.info("decoding {} training clips of {}", clips.size(), o.dataset());
        List<LabelledSecond> samples = LabelledClips.load(o.dataset(), clips, source, 2);
        double decodeSeconds = (System.nanoTime() - started) / 1e9;
        LOG.info("{} labelled seconds in {} s", samples.size(), Math.round(decodeSeconds));
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("dataset", o.dataset().toAbsolutePath().normalize().toString());
        card.put("split", "train");
        card.put("clips", clips.size());
        card.put("seconds", samples.size());
        card.put("options", o);
        card.put("started", Instant.now().toString());
        Random random = new Random(o.seed());
        Files.createDirectories(o.out());
        Backbone initial = Backbone.parse(o.init());
        card.put("init", initial.id());
        List<String> vggishSeeded;
        try (NDManager manager = NDManager.newBaseManager()) {
            VggishNetwork vggish = new VggishNetwork(false);
            List<TorchParameter> vggishParams = vggish.torchParameters();
            initial.bind(Network.VGGISH, vggishParams, manager);
            long t = System.nanoTime();
            List<String> trained = new ArrayList<>();
            card.put("audio", trainAudio(o, vggish, vggishParams, samples, random, manager, trained));
            card.put("audioSeconds", (System.nanoTime() - t) / 1e9);
            vggishSeeded = VGGISH_GROUPS.stream().filter(g -> seeded(initial, g) && !trained.contains(g)).toList();
            // fp16 once the convolutions are in the file (9 MB instead of 18); the last layer alone stays fp32
            BackboneWriter.writeSafetensors(o.out().resolve(Network.VGGISH.fileBase() + ".safetensors"), vggishParams,
                    name -> vggishSeeded.stream().noneMatch(name::startsWith),
                    vggishSeeded.contains("features.") ? DataType.FLOAT32 : DataType.FLOAT16);

            ResNet18 resnet = new ResNet18();
            List<TorchParameter> resnetParams = resnet.torchParameters();
            initial.bind(Network.RESNET18, resnetParams, manager);
            t = System.nanoTime();
            card.put("visual", trainVisual(o, resnet, resnetParams, samples, random, manager));
            card.put("visualSeconds", (System.nanoTime() - t) / 1e9);
            BackboneWriter.writeSafetensors(o.out().resolve(Network.RESNET18.fileBase() + ".safetensors"),
                    resnetParams, name -> true, DataType.FLOAT16);
        }
        BackboneWriter.writeProperties(o.out(), Map.of("vggish.finalRelu", "false", "vggish.seeded",
                String.join(",", vggishSeeded), "id.prefix", o.idPrefix()));
        DirectoryBackbone backbone = DirectoryBackbone.open(o.out());
        card.put("backboneId", backbone.id());
        card.put("totalSeconds", (System.nanoTime() - started) / 1e9);
        card.put("finished", Instant.now().toString());
        JSON.writeValue(o.out().resolve("card.json").toFile(), card);
        LOG.info("backbone {} written to {} in {} min", backbone.id(), o.out(),
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 60e9));
        return backbone;
    }

    /** Whether {@code initial} leaves VGGish's parameter group {@code group} at its seeded-v1 values. */
    private static boolean seeded(Backbone initial, String group) {
        return !(initial instanceof DirectoryBackbone d) || d.vggishSeeded().stream().anyMatch(group::startsWith);
    }

    private static Map<String, Object> trainAudio(BackboneTrainOptions o, VggishNetwork vggish,
            List<TorchParameter> params, List<LabelledSecond> samples, Random random, NDManager manager,
            List<String> trained) {
        Map<String, Object> log = new LinkedHashMap<>();
        if (o.audioEpochs() == 0) {
            return log;
        }
        AudioTrainer trainer = o.audioConvolutions() ? AudioTrainer.withConvolutions(vggish, params, manager, o.seed())
                : AudioTrainer.lastLayer(vggish, params, manager, o.seed());
        float[] inputs;
        try (ProgressBar bar = bar(o, o.audioConvolutions() ? "log-mel examples" : "vggish frozen layers",
                samples.size())) {
            inputs = trainer.inputs(samples, manager, done -> step(bar, done));
        }
        // end to end, a step costs the whole network: smaller batches, more of them
        int batch = o.audioConvolutions() ? 32 : 128;
        int perEpoch = (samples.size() + batch - 1) / batch;
        int steps = o.audioEpochs() * perEpoch;
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Training.warmupCosine(o.audioLr(), 20, steps)).build();
        List<Float> losses = new ArrayList<>();
        for (int e = 1; e <= o.audioEpochs(); e++) {
            float loss;
            try (ProgressBar bar = o.audioConvolutions() ? bar(o, "vggish epoch " + e, samples.size()) : null) {
                loss = trainer.epoch(inputs, samples, batch, adam, random, manager, done -> step(bar, done));
            }
            losses.add(loss);
            LOG.info("vggish epoch {}/{}: loss {}", e, o.audioEpochs(), String.format(java.util.Locale.ROOT, "%.4f", loss));
        }
        trainer.finish();
        trained.addAll(trainer.trainedPrefixes());
        log.put("trained", trainer.trainedPrefixes());
        log.put("batch", batch);
        log.put("epochLoss", losses);
        return log;
    }

    private static Map<String, Object> trainVisual(BackboneTrainOptions o, ResNet18 resnet, List<TorchParameter> params,
            List<LabelledSecond> samples, Random random, NDManager manager) throws IOException, WeightMismatchException {
        Map<String, Object> log = new LinkedHashMap<>();
        int steps = (int) Math.round(o.visualEpochs() * samples.size() / o.visualBatch());
        if (steps == 0) {
            return log;
        }
        Path checkpoint = o.out().resolve("checkpoint");
        int start = resume(checkpoint, params, manager);
        VisualTrainer trainer = new VisualTrainer(resnet, manager, o.seed(), o.soundingWeight());
        // the last steps run at full resolution: the network meets the scale it will serve at, and BatchNorm's
        // running statistics settle there
        int fullFrom = o.downscale() == 1 ? 0 : (int) Math.round(steps * (1 - o.fullResolutionTail()));
        Optimizer adam = Optimizer.adam()
                .optLearningRateTracker(Training.warmupCosine(o.visualLr(), Math.min(100, steps / 10 + 1), steps, start))
                .build();
        List<Map<String, Object>> history = new ArrayList<>();
        List<LabelledSecond> order = new ArrayList<>(samples);
        Collections.shuffle(order, random);
        int cursor = (start * o.visualBatch()) % order.size();
        double lossSum = 0;
        double accSum = 0;
        double soundSum = 0;
        int window = 0;
        long t0 = System.nanoTime();
        try (ProgressBar bar = bar(o, "resnet18 steps", steps)) {
            step(bar, start);
            for (int s = start; s < steps; s++) {
                if (cursor + o.visualBatch() > order.size()) {
                    Collections.shuffle(order, random);
                    cursor = 0;
                }
                List<LabelledSecond> batch = order.subList(cursor, cursor + o.visualBatch());
                cursor += o.visualBatch();
                VisualTrainer.StepResult r = o.crop() > 0
                        ? trainer.cropStep(batch, o.crop(), random.nextBoolean(), random, adam, manager)
                        : trainer.step(batch, s >= fullFrom ? 1 : o.downscale(), random.nextBoolean(), adam, manager);
                lossSum += r.loss();
                accSum += r.cellAccuracy();
                soundSum += r.soundLoss();
                window++;
                step(bar, s + 1);
                if ((s + 1) % 50 == 0 || s + 1 == steps) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("step", s + 1);
                    row.put("loss", lossSum / window);
                    row.put("cellAccuracy", accSum / window);
                    row.put("soundLoss", soundSum / window);
                    row.put("seconds", (System.nanoTime() - t0) / 1e9);
                    row.put("resolution", o.crop() > 0 ? "224, cut " + o.crop() : s >= fullFrom ? 224 : 224 / o.downscale());
                    history.add(row);
                    LOG.info("resnet18 step {}/{}: loss {} cell accuracy {} sounding loss {} ({} s/step)", s + 1, steps,
                            String.format(java.util.Locale.ROOT, "%.4f", lossSum / window),
                            String.format(java.util.Locale.ROOT, "%.3f", accSum / window),
                            String.format(java.util.Locale.ROOT, "%.3f", soundSum / window),
                            String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9 / (s + 1 - start)));
                    lossSum = 0;
                    accSum = 0;
                    soundSum = 0;
                    window = 0;
                }
                if (o.checkpointEvery() > 0 && (s + 1) % o.checkpointEvery() == 0 && s + 1 < steps) {
                    saveCheckpoint(checkpoint, params, s + 1);
                }
            }
        }
        if (fullFrom >= steps || o.crop() > 0) { // shrunk frames or cuts: BatchNorm has not seen whole 224 frames
            int batches = 40;
            try (ProgressBar bar = bar(o, "batchnorm at 224", batches)) {
                trainer.recalibrate(samples, 16, batches, random, manager, done -> step(bar, done));
            }
        }
        for (TorchParameter p : params) {
            p.parameter().getArray().setRequiresGradient(false);
        }
        log.put("steps", steps);
        log.put("resumedAt", start);
        log.put("history", history);
        return log;
    }

    private static int resume(Path checkpoint, List<TorchParameter> params, NDManager manager)
            throws IOException, WeightMismatchException {
        Path state = checkpoint.resolve("state.json");
        Path weights = checkpoint.resolve("resnet18.safetensors");
        if (!Files.isRegularFile(state) || !Files.isRegularFile(weights)) {
            return 0;
        }
        int step = JSON.readTree(state.toFile()).path("step").asInt();
        try (InputStream in = Files.newInputStream(weights); NDManager scratch = manager.newSubManager()) {
            NDList list = NDList.decode(scratch, in);
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            list.forEach(a -> tensors.put(a.getName(), a));
            WeightBinder.bind(weights.toString(), Network.RESNET18, params, tensors, manager);
        }
        LOG.info("resuming ResNet-18 training at step {} from {}", step, checkpoint);
        return step;
    }

    private static void saveCheckpoint(Path checkpoint, List<TorchParameter> params, int step) throws IOException {
        BackboneWriter.writeSafetensors(checkpoint.resolve("resnet18.safetensors"), params, n -> true, DataType.FLOAT32);
        JSON.writeValue(checkpoint.resolve("state.json").toFile(), Map.of("step", step));
    }

    private static ProgressBar bar(BackboneTrainOptions o, String task, long max) {
        return o.progress() ? ProgressBars.builder(task, max, 1000).build() : null;
    }

    private static void step(ProgressBar bar, long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }
}
