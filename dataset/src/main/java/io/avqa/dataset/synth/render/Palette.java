package io.avqa.dataset.synth.render;

import java.awt.Color;

import io.avqa.dataset.musicavqa.Categories;
import io.avqa.dataset.synth.scene.PictogramLook;

/**
 * Category colours: saturated, spread around the hue circle (neighbouring categories seven steps of
 * 22 apart) and alternating in brightness, so that colour alone already separates most categories even
 * for a randomly initialised feature extractor. Backgrounds use muted colours so instruments stand out.
 */
final class Palette {
    private Palette() {
    }

    static Color body(String category, PictogramLook look) {
        int i = Categories.indexOf(category);
        float hue = (float) (((i * 7) % 22) / 22.0 + look.hueShift());
        float sat = i % 2 == 0 ? 0.9f : 0.65f;
        float bri = (float) Math.min(1.0, (i % 3 == 0 ? 0.95 : i % 3 == 1 ? 0.75 : 0.55) * look.shade());
        return Color.getHSBColor(hue, sat, bri);
    }

    /** Contrasting detail colour: near white on dark bodies, near black on light ones. */
    static Color accent(Color body) {
        double luma = 0.299 * body.getRed() + 0.587 * body.getGreen() + 0.114 * body.getBlue();
        return luma < 110 ? new Color(235, 235, 225) : new Color(25, 22, 20);
    }
}
