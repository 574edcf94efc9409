package io.avqa.dataset.synth.scene;

/**
 * Per-clip camera and stage variation.
 *
 * @param backgroundSeed seed of the procedurally drawn background (colours, props)
 * @param brightness     multiplies every pixel (0.7-1.2)
 * @param noiseSigma     standard deviation of per-pixel sensor noise, in 8-bit levels
 * @param jitterPx       amplitude of the slow camera shake, in pixels
 */
public record Look(long backgroundSeed, double brightness, double noiseSigma, double jitterPx) {
}
