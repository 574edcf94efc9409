package io.avqa.features.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.dataset.musicavqa.FeatureLayout;
import io.avqa.features.testing.TestMedia;
import io.avqa.schemas.Segment;
import picocli.CommandLine;

class ExtractCommandTest {
    @TempDir
    Path dataset;

    @Test
    void extractsEveryVideoOfTheDatasetThroughTheGivenSegmentSource() throws Exception {
        Files.createDirectories(dataset.resolve("videos"));
        Files.write(dataset.resolve("videos/clip-b.mp4"), new byte[0]);
        Files.write(dataset.resolve("videos/clip-a.mp4"), new byte[0]);
        List<String> asked = new ArrayList<>();
        ExtractCommand command = new ExtractCommand(dir -> id -> {
            synchronized (asked) {
                asked.add(id);
            }
            List<Segment> segments = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                segments.add(TestMedia.segment(id, s, false));
            }
            return segments;
        });
        int rc = new CommandLine(command).execute("--dataset", dataset.toString(), "--weights", "seeded-v1", "--workers",
                "1", "--batch-size", "2");
        assertEquals(0, rc);
        assertEquals(List.of("clip-a", "clip-b"), asked.stream().sorted().toList());
        FeatureLayout layout = FeatureLayout.at(dataset);
        assertEquals(2, layout.readAudio("clip-b").dim(0));
        assertEquals(Optional.of("seeded-v1"), layout.backboneId());
    }

    @Test
    void aDatasetWithoutVideosFailsSayingSo() {
        CommandLine cli = new CommandLine(new ExtractCommand(dir -> id -> List.of()));
        java.io.StringWriter err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err));
        assertEquals(1, cli.execute("--dataset", dataset.toString()));
        assertTrue(err.toString().contains("has no .mp4 files"), err.toString());
    }
}
