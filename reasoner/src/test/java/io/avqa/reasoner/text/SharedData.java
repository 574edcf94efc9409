package io.avqa.reasoner.text;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ${avqa.shared.dir}/music-avqa}; tests skip when it is absent. */
final class SharedData {
    private SharedData() {
    }

    static Path musicAvqa() {
        String dir = System.getProperty("avqa.shared.dir", "../../shared");
        Path p = Path.of(dir).resolve("music-avqa");
        assumeTrue(Files.isDirectory(p), "MUSIC-AVQA annotations not found at " + p.toAbsolutePath()
                + " (set -Davqa.shared.dir)");
        return p;
    }
}
