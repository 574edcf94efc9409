package io.avqa.features.train;

import java.nio.file.Path;

/**
 * What {@link BackboneTrainer} trains on and how.
 *
 * @param dataset        dataset directory in the MUSIC-AVQA layout with {@code labels/}; its train split is used
 * @param out            backbone directory to write (also holds {@code checkpoint/} and {@code card.json})
 * @param clips          at most this many training clips (0: all)
 * @param visualEpochs   passes over the training seconds for ResNet-18 (fractions allowed: 0.5 is half a pass)
 * @param visualBatch    frames per ResNet-18 step
 * @param visualLr       Adam's peak learning rate for ResNet-18 (linear warm-up, cosine decay)
 * @param downscale      1 trains at 224x224, 2 at 112x112
 * @param fullResolutionTail with downscale 2, the fraction of steps at the end that run at 224 (0: none; BatchNorm
 *                       is then recalibrated at 224)
 * @param crop           0: whole frames; else ResNet-18 trains on crop x crop cuts of the 224 frames (a multiple of
 *                       16, with downscale 1), BatchNorm recalibrated on whole frames afterwards
 * @param soundingWeight weight of the per-cell "is this instrument sounding" loss against the cell and visible
 *                       losses (1 in the first recipe, where it stayed at chance: the cue is a few thin arcs, and
 *                       with equal weights the shared layers never turned towards it)
 * @param audioEpochs    passes for VGGish (0: it keeps the initial backbone's values)
 * @param audioLr        Adam's learning rate for it
 * @param audioConvolutions train VGGish's convolutions too, end to end; else its last FC layer alone
 * @param threads        PyTorch intra-op threads
 * @param seed           seeds shuffling, mirroring, heads and the engine
 * @param idPrefix       the backbone id's prefix, e.g. {@code synth-v1}
 * @param checkpointEvery ResNet-18 steps between checkpoints (0: none)
 * @param init           the backbone training starts from: {@code seeded-v1} (or null) or a backbone directory
 * @param progress       progress bars on
 */
public record BackboneTrainOptions(Path dataset, Path out, int clips, double visualEpochs, int visualBatch,
        float visualLr, int downscale, double fullResolutionTail, int crop, float soundingWeight, int audioEpochs, float audioLr,
        boolean audioConvolutions, int threads, long seed, String idPrefix, int checkpointEvery, String init,
        boolean progress) {

    public BackboneTrainOptions {
        if (visualBatch < 2) {
            throw new IllegalArgumentException("visualBatch must be >= 2 (BatchNorm needs a batch), got " + visualBatch);
        }
        if (downscale != 1 && downscale != 2) {
            throw new IllegalArgumentException("downscale must be 1 or 2, got " + downscale);
        }
        if (crop != 0) {
            VisualTrainer.checkCrop(crop);
        }
        if (crop != 0 && downscale != 1) {
            throw new IllegalArgumentException("crop cuts full-scale frames: use it with downscale 1, not " + downscale);
        }
        if (!(soundingWeight >= 0)) {
            throw new IllegalArgumentException("soundingWeight must be >= 0, got " + soundingWeight);
        }
        if (fullResolutionTail < 0 || fullResolutionTail > 1) {
            throw new IllegalArgumentException("fullResolutionTail must be in [0, 1], got " + fullResolutionTail);
        }
        if (visualEpochs < 0 || audioEpochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0");
        }
    }
}
