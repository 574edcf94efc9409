package io.avqa.dataset.synth.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.avqa.dataset.musicavqa.Categories;
import io.avqa.dataset.synth.scene.Voice;

/**
 * The 20 pitched categories must not share a patch of the JDK's built-in sound bank: played on the same
 * note, every pair must differ in spectrum, so that audio features can tell categories apart by timbre
 * and not only by pitch register.
 */
class VoiceTimbreTest {

    @Test
    void everyPitchedCategoryHasItsOwnTimbre() throws IOException {
        AudioRenderer r = new AudioRenderer(16000, null);
        Map<String, double[]> spectra = new LinkedHashMap<>();
        for (String c : Categories.ALL) {
            Voice v = Voice.of(c);
            if (!v.percussion()) {
                float[] x = r.synthesise(List.of(new Phrase(60, 0, 800_000)), v, 16000);
                spectra.put(c, bandSpectrum(x, 3200));
            }
        }
        List<String> names = new ArrayList<>(spectra.keySet());
        List<String> alike = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                double cos = cosine(spectra.get(names.get(i)), spectra.get(names.get(j)));
                if (cos > 0.99) {
                    alike.add(names.get(i) + "~" + names.get(j) + String.format(" %.3f", cos));
                }
            }
        }
        assertTrue(names.size() == 20 && alike.isEmpty(), "same timbre: " + alike);
    }

    /** Magnitude spectrum of a Hann-windowed 1024-sample frame, summed into 32 bands of 250 Hz. */
    static double[] bandSpectrum(float[] x, int from) {
        double[] bands = new double[32];
        for (int k = 1; k < 512; k++) {
            double re = 0;
            double im = 0;
            for (int n = 0; n < 1024; n++) {
                double v = x[from + n] * (0.5 - 0.5 * Math.cos(2 * Math.PI * n / 1024));
                re += v * Math.cos(2 * Math.PI * k * n / 1024);
                im -= v * Math.sin(2 * Math.PI * k * n / 1024);
            }
            bands[k / 16] += Math.hypot(re, im);
        }
        return bands;
    }

    static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
