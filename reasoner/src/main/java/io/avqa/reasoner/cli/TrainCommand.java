package io.avqa.reasoner.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.avqa.reasoner.model.Ablation;
import io.avqa.reasoner.model.Extension;
import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.model.Window;
import io.avqa.reasoner.train.EpochStats;
import io.avqa.reasoner.train.SaSRTrainer;
import io.avqa.reasoner.train.TrainOptions;
import io.avqa.reasoner.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avqa train}: trains SaSR-Net on a dataset directory with extracted features and writes a model
 * directory. Reads {@code avqa-train.json}, {@code avqa-val.json} (optional), {@code feats/} and
 * {@code labels/} (optional); writes {@code weights.safetensors}, {@code model.json}, {@code training.json},
 * {@code curve.svg}. Example: {@code avqa train --dataset data/synth --preset sasr-small --out models/sasr-synth}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train SaSR-Net on extracted features (MUSIC-AVQA layout: avqa-train.json, avqa-val.json, "
                + "feats/vggish, feats/res18_14x14, optional labels/ and feats/backbone.json).",
            "Each step runs the window part (steps 1-6) once per clip for all of the clip's questions. The best "
                + "epoch by validation accuracy is saved to --out with model.json, training.json and curve.svg."})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, description = "Dataset directory.")
    Path dataset;

    @Option(names = "--out", required = true, description = "Model directory to write.")
    Path out;

    @Option(names = "--preset", defaultValue = "sasr-small",
            description = "sasr-small (D=256, depth 2) or sasr-base (D=512, depth 3). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch", defaultValue = "8",
            description = "Clips per step (all their questions share the window pass). Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-4", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    float lr;

    @Option(names = "--decay-every", defaultValue = "16",
            description = "Multiply the learning rate by --decay every this many epochs. Default: ${DEFAULT-VALUE}.")
    int decayEvery;

    @Option(names = "--decay", defaultValue = "0.3", description = "Learning-rate decay factor. Default: ${DEFAULT-VALUE}.")
    float decay;

    @Option(names = "--window", defaultValue = "10",
            description = "Time steps T per window (fixed per model). Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--stride", defaultValue = "1",
            description = "Seconds between window steps (6 matches MUSIC-AVQA's 60 s clips). Default: ${DEFAULT-VALUE}.")
    int stride;

    @Option(names = "--ablate", defaultValue = "",
            description = "Comma-separated parts to switch off: slt, sasr, sa, ta (paper's ablations).")
    String ablate;

    @Option(names = "--extend", defaultValue = "qsa",
            description = {"Comma-separated parts beyond the paper to switch on, or none: qsa (the question "
                + "attends over the visual map's positions), dense (training heads supervise each second's sounding "
                + "categories and sounding screen column from labels/; MODEL.md). Default: ${DEFAULT-VALUE}."})
    String extend;

    @Option(names = "--weights", defaultValue = "F16", description = "F16 (half the size) or F32. Default: ${DEFAULT-VALUE}.")
    String weights;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for initialisation, shuffling, negatives.")
    long seed;

    @Option(names = "--max-clips", defaultValue = "0", description = "Use at most this many training clips (0 = all).")
    int maxClips;

    @Option(names = "--threads", defaultValue = "1",
            description = {"PyTorch CPU threads. 1 is fastest on a shared 2-core machine (spin-waiting OpenMP "
                + "workers slow training down many times); try 2 on an idle one. Default: ${DEFAULT-VALUE}."})
    int threads;

    @Option(names = "--no-progress", description = "No progress bar (for logs).")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        Threads.configure(threads);
        TrainOptions o = new TrainOptions(dataset, out, Preset.fromId(preset), new Window(steps, stride), epochs, batch,
                lr, decayEvery, decay, Ablation.parse(ablate), Extension.parse(extend), weights.toUpperCase(java.util.Locale.ROOT), seed,
                maxClips, !noProgress);
        TrainingResult result = SaSRTrainer.train(o);
        EpochStats best = result.history().get(result.bestEpoch() - 1);
        System.out.printf("saved %s to %s (epoch %d: val accuracy %.2f %%, train accuracy %.2f %%, %.1f ms per clip)%n",
                result.card().modelId(), out, result.bestEpoch(), 100 * best.valAccuracy(), 100 * best.trainAccuracy(),
                best.msPerClip());
        return 0;
    }
}
