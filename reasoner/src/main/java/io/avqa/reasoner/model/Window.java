package io.avqa.reasoner.model;

/**
 * The time window a model reads: {@code steps} segments taken every {@code strideSeconds} seconds. T=10, s=6
 * matches MUSIC-AVQA (seconds 0, 6, ..., 54 of a 60 s clip); T=10, s=1 is the low-latency live default.
 *
 * @param steps         T, number of 1-second segments in the window
 * @param strideSeconds s, seconds between consecutive segments
 */
public record Window(int steps, int strideSeconds) {
    public Window {
        if (steps <= 0 || strideSeconds <= 0) {
            throw new IllegalArgumentException("window needs T > 0 and stride > 0, got T=" + steps + ", s="
                    + strideSeconds);
        }
    }

    /** Seconds of media the window spans: (T - 1) * s + 1. */
    public int spanSeconds() {
        return (steps - 1) * strideSeconds + 1;
    }

    @Override
    public String toString() {
        return "T=" + steps + ", s=" + strideSeconds;
    }
}
