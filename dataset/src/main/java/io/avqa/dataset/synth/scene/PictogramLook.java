package io.avqa.dataset.synth.scene;

/**
 * Per-clip variation of a pictogram, so that no two clips draw an instrument pixel-identically while
 * the category stays recognisable.
 *
 * @param hueShift   added to the category's hue, in turns (small, about +-0.02)
 * @param shade      multiplies the category's brightness (0.92-1.08: small, so that hue neighbours, which
 *                   differ in brightness, stay apart)
 * @param tiltDeg    rotation of the whole pictogram in degrees
 * @param mirrored   drawn mirrored left-right
 * @param phase      phase of the vibration while sounding, in radians
 */
public record PictogramLook(double hueShift, double shade, double tiltDeg, boolean mirrored, double phase) {
}
