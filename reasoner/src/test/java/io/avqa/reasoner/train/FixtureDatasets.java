package io.avqa.reasoner.train;

import java.io.IOException;
import java.nio.file.Path;

/** Public entry to the test fixture for tests in other packages. */
public final class FixtureDatasets {
    private FixtureDatasets() {
    }

    /** A fixture laid out as MUSIC-AVQA distributes it (float32 features, no labels, no backbone id). */
    public static Path musicAvqa(Path dir, int seconds, int train, int val, int test) throws IOException {
        return new FixtureDataset(dir, seconds, true, 11).write(train, val, test);
    }

    /** A fixture in the synthetic benchmark's layout (float16 visual, labels/, backbone id "fixture-v1"). */
    public static Path synthetic(Path dir, int seconds, int train, int val, int test) throws IOException {
        return new FixtureDataset(dir, seconds, false, 7).write(train, val, test);
    }
}
