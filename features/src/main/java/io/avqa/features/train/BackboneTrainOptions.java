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
 * @param audioEpochs    passes for VGGish's last layer
 * @param audioLr        Adam's learning rate for it
 * @param threads        PyTorch intra-op threads
 * @param seed           seeds shuffling, mirroring, heads and the engine
 * @param idPrefix       the backbone id's prefix, e.g. {@code synth-v1}
 * @param checkpointEvery ResNet-18 steps between checkpoints (0: none)
 * @param progress       progress bars on
 */
public record BackboneTrainOptions(Path dataset, Path out, int clips, double visualEpochs, int visualBatch,
        float visualLr, int downscale, double fullResolutionTail, int audioEpochs, float audioLr, int threads, long seed, String idPrefix,
        int checkpointEvery, boolean progress) {

    public BackboneTrainOptions {
        if (visualBatch < 2) {
            throw new IllegalArgumentException("visualBatch must be >= 2 (BatchNorm needs a batch), got " + visualBatch);
        }
        if (downscale != 1 && downscale != 2) {
            throw new IllegalArgumentException("downscale must be 1 or 2, got " + downscale);
        }
        if (fullResolutionTail < 0 || fullResolutionTail > 1) {
            throw new IllegalArgumentException("fullResolutionTail must be in [0, 1], got " + fullResolutionTail);
        }
        if (visualEpochs < 0 || audioEpochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0");
        }
    }
}
