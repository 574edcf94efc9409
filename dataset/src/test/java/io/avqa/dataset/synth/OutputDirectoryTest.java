package io.avqa.dataset.synth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {

    @Test
    void refusesADirectoryThatHoldsSomethingElse(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("thesis.tex"), "precious");
        IOException e = assertThrows(IOException.class,
                () -> new ConcertGenerator(SynthConfig.defaults(3, 1)).writePlan(dir));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("thesis.tex")));
    }

    @Test
    void regeneratingSmallerRemovesClipsThatNoLongerExistAndKeepsFeatures(@TempDir Path dir) throws IOException {
        new ConcertGenerator(SynthConfig.defaults(5, 1)).writePlan(dir);
        Files.createDirectories(dir.resolve("videos"));
        Files.writeString(dir.resolve("videos/s1-000004.mp4"), "old clip");
        Files.writeString(dir.resolve("videos/s1-000001.mp4.part"), "interrupted");
        Files.createDirectories(dir.resolve("feats"));
        Files.writeString(dir.resolve("feats/backbone.json"), "{\"backboneId\": \"seeded-v1\"}");
        new ConcertGenerator(SynthConfig.defaults(3, 1)).writePlan(dir);
        assertFalse(Files.exists(dir.resolve("labels/s1-000004.json")));
        assertFalse(Files.exists(dir.resolve("videos/s1-000004.mp4")));
        assertFalse(Files.exists(dir.resolve("videos/s1-000001.mp4.part")));
        assertTrue(Files.exists(dir.resolve("labels/s1-000002.json")));
        assertTrue(Files.exists(dir.resolve("feats/backbone.json")));
    }
}
