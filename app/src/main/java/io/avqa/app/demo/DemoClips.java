package io.avqa.app.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.avqa.dataset.synth.ConcertGenerator;
import io.avqa.dataset.synth.SynthConfig;

/**
 * The demo's concert streams: a few synthetic clips, generated once (seconds) and cached. Their seed
 * differs from the training benchmark's, so the shipped model has never seen them.
 */
final class DemoClips {
    static final long SEED = 4242;

    private DemoClips() {
    }

    /** The mp4 files of {@code count} demo clips under {@code dir}, generating them if missing. */
    static List<Path> ensure(Path dir, int count) throws Exception {
        Path videos = dir.resolve("videos");
        List<Path> existing = list(videos);
        if (existing.size() >= count) {
            return existing.subList(0, count);
        }
        System.out.println("generating " + count + " demo concert clips in " + dir + " (once) ...");
        new ConcertGenerator(SynthConfig.defaults(count, SEED)).generate(dir, done -> { });
        return list(videos).subList(0, count);
    }

    private static List<Path> list(Path videos) throws IOException {
        if (!Files.isDirectory(videos)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(videos)) {
            return files.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
    }
}
