package io.avqa.dataset.musicavqa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecondLabelsTest {
    // a 3-second clip: a visible cello on the left sounds in seconds 1-2, an off-screen flute in second 0, a
    // visible piano on the right never sounds
    private static final String CLIP = """
            {"sources": [
              {"category": "cello", "visible": true, "position": "left", "active": [0, 1, 1]},
              {"category": "flute", "visible": false, "position": null, "active": [1, 0, 0]},
              {"category": "piano", "visible": true, "position": "right", "active": [0, 0, 0]}],
             "segments": [
              {"second": 0, "sounding_categories": ["flute"]},
              {"second": 1, "sounding_categories": ["cello"]},
              {"second": 2, "sounding_categories": ["cello"]}]}
            """;

    @Test
    void eachSecondSaysWhatSoundsAndInWhichColumnSomethingVisibleSounds(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("clip.json"), CLIP);
        SecondLabels labels = SecondLabels.read(file).orElseThrow();
        assertEquals(3, labels.seconds());
        int c = Categories.ALL.size();
        float[] heard = labels.heard();
        assertEquals(1f, heard[Categories.indexOf("flute")]);
        assertEquals(1f, heard[c + Categories.indexOf("cello")]);
        assertEquals(1f, heard[2 * c + Categories.indexOf("cello")]);
        assertEquals(3f, sum(heard), "one category a second");
        // the off-screen flute has no column; the silent piano never marks the right
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 1, 0, 0}, labels.columns());
    }

    @Test
    void clipsWithoutPerSecondLabelsHaveNone(@TempDir Path dir) throws IOException {
        assertTrue(SecondLabels.read(dir.resolve("missing.json")).isEmpty(), "no file (a real MUSIC-AVQA clip)");
        Path clipLevelOnly = Files.writeString(dir.resolve("old.json"), "{\"heard_categories\": []}");
        assertTrue(SecondLabels.read(clipLevelOnly).isEmpty(), "a file without seconds");
    }

    @Test
    void aWrongFileIsRefusedWithItsName(@TempDir Path dir) throws IOException {
        Path unknown = Files.writeString(dir.resolve("unknown.json"), CLIP.replace("\"flute\"]", "\"kazoo\"]"));
        IOException e = assertThrows(IOException.class, () -> SecondLabels.read(unknown));
        assertTrue(e.getMessage().contains("unknown.json") && e.getMessage().contains("kazoo"), e.getMessage());
        Path shortActive = Files.writeString(dir.resolve("short.json"), CLIP.replace("[0, 1, 1]", "[0, 1]"));
        e = assertThrows(IOException.class, () -> SecondLabels.read(shortActive));
        assertTrue(e.getMessage().contains("2 values for 3 segments"), e.getMessage());
    }

    private static float sum(float[] v) {
        float s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
