package io.avqa.features.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.avqa.features.offline.SegmentSource;
import io.avqa.features.train.BackboneTrainOptions;
import io.avqa.features.train.BackboneTrainer;
import io.avqa.features.weights.DirectoryBackbone;

/**
 * {@code avqa features train --dataset DIR --out DIR}: trains ResNet-18 and VGGish's last layer on a labelled
 * dataset's train split and writes a backbone directory for {@code --weights}. Like {@link ExtractCommand}, it
 * gets its segments from a factory the application passes (the ingest segmenter).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains the backbones on DATASET's train split (per-second labels in DATASET/labels) and "
                + "writes a backbone directory that --weights loads: resnet18.safetensors (fp16, every layer "
                + "trained), vggish.safetensors (its last FC layer; the rest stays seeded-v1), backbone.properties "
                + "and card.json. Resumes from OUT/checkpoint when present.",
                "",
                "Example: avqa features train --dataset data/synth --out models/backbone-synth"})
public final class BackboneTrainCommand implements Callable<Integer> {
    private final Function<Path, SegmentSource> sources;

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset directory with videos/ and labels/.")
    Path dataset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Backbone directory to write.")
    Path out;

    @Option(names = "--clips", defaultValue = "0", paramLabel = "N", description = "Use at most N training clips (default: all).")
    int clips;

    @Option(names = "--visual-epochs", defaultValue = "1", paramLabel = "E",
            description = "Passes over the training seconds for ResNet-18; fractions allowed (default: ${DEFAULT-VALUE}).")
    double visualEpochs;

    @Option(names = "--visual-batch", defaultValue = "32", paramLabel = "B", description = "Frames per ResNet-18 step (default: ${DEFAULT-VALUE}).")
    int visualBatch;

    @Option(names = "--visual-lr", defaultValue = "2e-3", paramLabel = "LR", description = "Peak Adam learning rate for ResNet-18 (default: ${DEFAULT-VALUE}).")
    float visualLr;

    @Option(names = "--downscale", paramLabel = "1|2",
            description = "2 trains ResNet-18 on 112x112 frames (a quarter of the arithmetic), then recalibrates "
                    + "BatchNorm at 224; 1 trains at 224 (default: 2, or 1 with --crop).")
    Integer downscale;

    @Option(names = "--full-res-tail", defaultValue = "0.15", paramLabel = "F",
            description = "With --downscale 2, the fraction of steps at the end that run at 224x224 (default: ${DEFAULT-VALUE}).")
    double fullResTail;

    @Option(names = "--crop", defaultValue = "0", paramLabel = "PX",
            description = "Train ResNet-18 on PX x PX cuts of the 224x224 frames, mostly around an instrument, instead "
                    + "of shrinking them: details one or two pixels wide (the sound arcs) survive, at a quarter of "
                    + "the arithmetic with 112. A multiple of 16 (default: ${DEFAULT-VALUE}, whole frames).")
    int crop;

    @Option(names = "--sounding-weight", defaultValue = "1", paramLabel = "W",
            description = "Weight of the per-cell \"is this instrument sounding\" loss against the others (default: "
                    + "${DEFAULT-VALUE}; 10 learnt the thin sound arcs in the second stage of bench/results/backbone-stage2).")
    float soundingWeight;

    @Option(names = "--audio-epochs", defaultValue = "12", paramLabel = "E",
            description = "Passes for VGGish; 0 keeps the --init backbone's VGGish (default: ${DEFAULT-VALUE}).")
    int audioEpochs;

    @Option(names = "--audio-lr", defaultValue = "1e-3", paramLabel = "LR", description = "Adam learning rate for VGGish (default: ${DEFAULT-VALUE}).")
    float audioLr;

    @Option(names = "--audio-convolutions",
            description = "Train VGGish's convolutions too (end to end; written in fp16), not only its last FC layer.")
    boolean audioConvolutions;

    @Option(names = "--init", paramLabel = "seeded-v1|DIR",
            description = "Start from this backbone instead of seeded-v1: fine-tune a trained one, or carry one network "
                    + "over unchanged with 0 epochs for it (default: seeded-v1).")
    String init;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--id-prefix", defaultValue = "synth-v1", paramLabel = "NAME", description = "Backbone id prefix (default: ${DEFAULT-VALUE}).")
    String idPrefix;

    @Option(names = "--checkpoint-every", defaultValue = "200", paramLabel = "STEPS",
            description = "ResNet-18 steps between checkpoints in OUT/checkpoint (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--no-progress", description = "No progress bars.")
    boolean noProgress;

    public BackboneTrainCommand(Function<Path, SegmentSource> sources) {
        this.sources = sources;
    }

    @Override
    public Integer call() throws Exception {
        int scale = downscale != null ? downscale : crop > 0 ? 1 : 2;
        DirectoryBackbone backbone = BackboneTrainer.train(new BackboneTrainOptions(dataset, out, clips, visualEpochs,
                visualBatch, visualLr, scale, fullResTail, crop, soundingWeight, audioEpochs, audioLr, audioConvolutions, threads, seed,
                idPrefix, checkpointEvery, init, !noProgress), sources.apply(dataset));
        System.out.println("backbone " + backbone.id() + " written to " + out + "; use it with --weights " + out);
        return 0;
    }
}
