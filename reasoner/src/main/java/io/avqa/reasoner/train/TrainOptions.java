package io.avqa.reasoner.train;

import java.nio.file.Path;
import java.util.Set;

import io.avqa.reasoner.model.Ablation;
import io.avqa.reasoner.model.Extension;
import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.model.Window;

/**
 * Settings of one training run (defaults follow the paper where it is explicit).
 *
 * @param dataset        dataset directory in the MUSIC-AVQA layout (avqa-train/val.json, feats/)
 * @param out            model directory to write (best checkpoint, model.json, curve.svg, training.json)
 * @param preset         model size
 * @param window         T and stride s; one window per clip starting at second 0
 * @param epochs         passes over the training clips
 * @param batchClips     clips per step; all their questions share one pass through steps 1-6
 * @param learningRate   Adam's initial learning rate (paper: 1e-4)
 * @param decayEvery     epochs between learning-rate decays (paper: 16)
 * @param decayFactor    multiplier at each decay (paper: 0.3)
 * @param ablations      parts switched off
 * @param extensions     parts beyond the paper switched on
 * @param weightsDtype   "F16" (shipped models) or "F32"
 * @param seed           seeds initialisation, shuffling and negatives
 * @param maxClips       use at most this many training clips (0 = all); for quick runs and timing
 * @param progress       show a progress bar on the console
 */
public record TrainOptions(Path dataset, Path out, Preset preset, Window window, int epochs, int batchClips,
        float learningRate, int decayEvery, float decayFactor, Set<Ablation> ablations, Set<Extension> extensions,
        String weightsDtype,
        long seed, int maxClips, boolean progress) {

    public TrainOptions {
        if (epochs < 1 || batchClips < 1) {
            throw new IllegalArgumentException("epochs and batch must be at least 1, got " + epochs + " and "
                    + batchClips);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
    }

    /** Paper defaults for a dataset and output directory: sasr-small, T=10, s=1, 30 epochs, 8 clips, 1e-4. */
    public static TrainOptions defaults(Path dataset, Path out) {
        return new TrainOptions(dataset, out, Preset.SASR_SMALL, new Window(10, 1), 30, 8, 1e-4f, 16, 0.3f,
                Set.of(), Set.of(Extension.QSA), "F16", 42, 0, true);
    }
}
