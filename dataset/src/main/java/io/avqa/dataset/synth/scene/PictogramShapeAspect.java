package io.avqa.dataset.synth.scene;

import java.util.Map;

/** Width-to-height ratio of each category's pictogram, so the layout can size boxes before drawing. */
public final class PictogramShapeAspect {
    private static final Map<String, Double> ASPECT = Map.ofEntries(
            Map.entry("cello", 0.45), Map.entry("congas", 0.8), Map.entry("pipa", 0.45),
            Map.entry("ukulele", 0.4), Map.entry("piano", 1.5), Map.entry("accordion", 0.9),
            Map.entry("clarinet", 0.25), Map.entry("guzheng", 1.6), Map.entry("saxophone", 0.5),
            Map.entry("drum", 1.1), Map.entry("violin", 0.42), Map.entry("bagpipe", 0.9),
            Map.entry("bassoon", 0.28), Map.entry("acoustic_guitar", 0.48), Map.entry("banjo", 0.45),
            Map.entry("electric_bass", 0.4), Map.entry("flute", 0.3), Map.entry("trumpet", 1.4),
            Map.entry("erhu", 0.35), Map.entry("xylophone", 1.4), Map.entry("tuba", 0.8),
            Map.entry("suona", 0.35));

    private PictogramShapeAspect() {
    }

    public static double of(String category) {
        Double a = ASPECT.get(category);
        if (a == null) {
            throw new IllegalArgumentException("no pictogram for category " + category);
        }
        return a;
    }
}
