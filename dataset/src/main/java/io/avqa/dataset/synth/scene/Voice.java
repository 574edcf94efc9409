package io.avqa.dataset.synth.scene;

import java.util.List;
import java.util.Map;

import io.avqa.dataset.musicavqa.Categories;

/**
 * How a category sounds: its General MIDI program (0-based) and pitch register, or the drum-kit notes
 * it plays on MIDI channel 10. Programs and registers are chosen so that categories differ strongly in
 * timbre and pitch (tuba and electric bass low, flute and xylophone high). The JDK's built-in sound bank
 * gives one patch per family of programs (violin, cello and fiddle sound identical there), so each
 * pitched category uses a program from a different patch, even where that is not the GM instrument of
 * the same name (cello: string ensemble, erhu: voice, guzheng: harpsichord, banjo: overdriven guitar,
 * ukulele: electric piano, bagpipe: church organ); {@code VoiceTest} checks that the 20 patches differ.
 *
 * @param program    General MIDI program number, 0-127 (ignored for percussion)
 * @param lowNote    lowest base note of a phrase (MIDI), for pitched voices
 * @param highNote   highest base note of a phrase (MIDI), for pitched voices
 * @param drumNotes  notes on the percussion channel, empty for pitched voices; the first is the downbeat
 */
public record Voice(int program, int lowNote, int highNote, List<Integer> drumNotes) {

    public boolean percussion() {
        return !drumNotes.isEmpty();
    }

    private static Voice pitched(int program, int low, int high) {
        return new Voice(program, low, high, List.of());
    }

    private static final Map<String, Voice> BY_CATEGORY = Map.ofEntries(
            Map.entry("cello", pitched(48, 36, 50)),
            Map.entry("congas", new Voice(0, 0, 0, List.of(64, 63, 62))),
            Map.entry("pipa", pitched(106, 60, 72)),
            Map.entry("ukulele", pitched(4, 64, 76)),
            Map.entry("piano", pitched(0, 48, 66)),
            Map.entry("accordion", pitched(21, 53, 65)),
            Map.entry("clarinet", pitched(71, 52, 67)),
            Map.entry("guzheng", pitched(6, 55, 72)),
            Map.entry("saxophone", pitched(65, 50, 64)),
            Map.entry("drum", new Voice(0, 0, 0, List.of(36, 38, 42, 46))),
            Map.entry("violin", pitched(40, 67, 81)),
            Map.entry("bagpipe", pitched(19, 62, 70)),
            Map.entry("bassoon", pitched(70, 38, 52)),
            Map.entry("acoustic_guitar", pitched(25, 45, 60)),
            Map.entry("banjo", pitched(29, 57, 70)),
            Map.entry("electric_bass", pitched(33, 28, 40)),
            Map.entry("flute", pitched(73, 74, 88)),
            Map.entry("trumpet", pitched(56, 58, 72)),
            Map.entry("erhu", pitched(53, 64, 78)),
            Map.entry("xylophone", pitched(13, 76, 90)),
            Map.entry("tuba", pitched(58, 28, 42)),
            Map.entry("suona", pitched(111, 67, 79)));

    static {
        if (!BY_CATEGORY.keySet().equals(new java.util.HashSet<>(Categories.ALL))) {
            throw new ExceptionInInitializerError("Voice table does not cover exactly the 22 categories");
        }
    }

    public static Voice of(String category) {
        Voice v = BY_CATEGORY.get(category);
        if (v == null) {
            throw new IllegalArgumentException("no voice for category " + category);
        }
        return v;
    }
}
