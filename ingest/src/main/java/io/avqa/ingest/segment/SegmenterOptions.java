package io.avqa.ingest.segment;

import java.time.Duration;

/**
 * How sources are decoded.
 *
 * @param frameWidth  output frame width (the feature stage's input size; 224 for ResNet-18)
 * @param frameHeight output frame height
 * @param jpegQuality 0..1
 * @param ioTimeout   a network read that waits longer fails (and the stream reconnects)
 */
public record SegmenterOptions(int frameWidth, int frameHeight, float jpegQuality, Duration ioTimeout) {
    public static SegmenterOptions defaults() {
        return new SegmenterOptions(224, 224, 0.9f, Duration.ofSeconds(3));
    }
}
