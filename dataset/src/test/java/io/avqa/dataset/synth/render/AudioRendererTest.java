package io.avqa.dataset.synth.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.avqa.dataset.synth.scene.Box;
import io.avqa.dataset.synth.scene.Look;
import io.avqa.dataset.synth.scene.PictogramLook;
import io.avqa.dataset.synth.scene.Scene;
import io.avqa.dataset.synth.scene.Setting;
import io.avqa.dataset.synth.scene.Source;

class AudioRendererTest {
    private static final PictogramLook PLAIN = new PictogramLook(0, 1, 0, false, 0);

    private static Scene sceneOf(String category, int loudness, int rhythm, int pitch, boolean[] active) {
        Source s = new Source(0, category, true, new Box(100, 60, 60, 150), loudness, rhythm, pitch, active, PLAIN);
        return new Scene("t", 42, active.length, 448, 252, Setting.INDOOR, new Look(1, 1, 0, 0), List.of(s));
    }

    private static double rms(float[] x, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) {
            e += x[i] * (double) x[i];
        }
        return Math.sqrt(e / (to - from));
    }

    @Test
    void eachLoudnessLevelSoundsAtItsOwnRmsOverTheActiveSeconds() throws IOException {
        AudioRenderer r = new AudioRenderer(16000, null);
        boolean[] active = {false, true, true, true, false};
        for (String category : List.of("violin", "tuba", "drum", "piano")) {
            int pitch = category.equals("drum") ? -1 : category.equals("tuba") ? 33 : 60;
            double previous = 0;
            for (int level = 0; level < 3; level++) {
                float[] x = r.render(sceneOf(category, level, 1, pitch, active));
                double loud = rms(x, 16000, 4 * 16000);
                assertEquals(AudioRenderer.LEVEL_RMS[level], loud, AudioRenderer.LEVEL_RMS[level] * 0.1,
                        category + " level " + level);
                assertTrue(loud > previous * 1.8, category + " level " + level + " not clearly louder");
                previous = loud;
            }
        }
    }

    @Test
    void silentSecondsHoldOnlyTheBackgroundNoise() throws IOException {
        float[] x = new AudioRenderer(16000, null).render(sceneOf("trumpet", 2, 2, 60,
                new boolean[] {false, true, false, true, false}));
        assertEquals(5 * 16000, x.length);
        for (int sec : new int[] {0, 2, 4}) {
            assertTrue(rms(x, sec * 16000, (sec + 1) * 16000) < 0.006, "second " + sec);
        }
        assertTrue(rms(x, 16000, 32000) > 0.08);
    }

    @Test
    void theSameSceneRendersTheSameSamples() throws IOException {
        Scene s = sceneOf("congas", 1, 2, -1, new boolean[] {true, true, false, true});
        assertArrayEquals(AudioRenderer.toPcm16(new AudioRenderer(16000, null).render(s)),
                AudioRenderer.toPcm16(new AudioRenderer(16000, null).render(s)));
    }

    @Test
    void aSoundFontFileIsUsedInsteadOfTheBuiltInBank(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // save the JDK's own built-in bank as an SF2 file (internal API, exported to tests by the surefire flags)
        Object bank = Class.forName("com.sun.media.sound.EmergencySoundbank").getMethod("createSoundbank")
                .invoke(null);
        java.nio.file.Path sf2 = dir.resolve("builtin.sf2");
        bank.getClass().getMethod("save", java.io.File.class).invoke(bank, sf2.toFile());
        Scene s = sceneOf("flute", 1, 1, 74, new boolean[] {true, true, false});
        float[] fromFile = new AudioRenderer(16000, sf2).render(s);
        assertTrue(rms(fromFile, 0, 32000) > 0.04, "sound font rendered silence");
        // same instrument from the file as from the built-in bank: the same spectrum (waveforms differ in phase)
        float[] builtIn = new AudioRenderer(16000, null).render(s);
        double similarity = VoiceTimbreTest.cosine(VoiceTimbreTest.bandSpectrum(fromFile, 4000),
                VoiceTimbreTest.bandSpectrum(builtIn, 4000));
        assertTrue(similarity > 0.95, "spectral similarity with the built-in bank " + similarity);
    }

    @Test
    void anUnreadableSoundFontIsReportedWithItsName(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path bad = dir.resolve("bad.sf2");
        java.nio.file.Files.writeString(bad, "not a sound font");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> new AudioRenderer(16000, bad));
        assertTrue(e.getMessage().contains("bad.sf2"), e.getMessage());
    }
}
