package io.avqa.dataset.synth.render;

import java.awt.Color;

import io.avqa.dataset.musicavqa.Categories;
import io.avqa.dataset.synth.scene.PictogramLook;

/**
 * Category colours: spread around the hue circle in 22 steps (categories adjacent in MUSIC-AVQA order
 * seven steps apart), with brightness alternating between hue neighbours and saturation between
 * second neighbours, so that colour alone already separates most categories even
 * for a randomly initialised feature extractor. Backgrounds use muted colours so instruments stand out.
 */
final class Palette {
    private Palette() {
    }

    static Color body(String category, PictogramLook look) {
        int step = (Categories.indexOf(category) * 7) % 22; // position on the hue circle, 22 steps
        float hue = (float) (step / 22.0 + look.hueShift());
        // hue neighbours differ in brightness, neighbours two steps apart in saturation
        float sat = (step / 2) % 2 == 0 ? 1.0f : 0.72f;
        float bri = (float) Math.min(1.0, (step % 2 == 0 ? 0.95 : 0.55) * look.shade());
        return Color.getHSBColor(hue, sat, bri);
    }

    /** Contrasting detail colour: near white on dark bodies, near black on light ones. */
    static Color accent(Color body) {
        double luma = 0.299 * body.getRed() + 0.587 * body.getGreen() + 0.114 * body.getBlue();
        return luma < 110 ? new Color(235, 235, 225) : new Color(25, 22, 20);
    }
}
