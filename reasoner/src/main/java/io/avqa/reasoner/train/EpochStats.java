package io.avqa.reasoner.train;

/**
 * One epoch of training.
 *
 * @param epoch         1-based
 * @param loss          mean total loss over the epoch's steps
 * @param answerLoss    mean answer cross-entropy
 * @param trainAccuracy answer accuracy on the training questions during the epoch (training mode)
 * @param valAccuracy   accuracy on the validation split after the epoch (NaN without a val split)
 * @param learningRate  learning rate used in the epoch
 * @param seconds       wall time of the epoch's training steps (validation excluded)
 * @param msPerClip     training time per clip (steps 1-9 and the heads, forward and backward)
 */
public record EpochStats(int epoch, double loss, double answerLoss, double trainAccuracy, double valAccuracy,
        double learningRate, double seconds, double msPerClip) {
}
