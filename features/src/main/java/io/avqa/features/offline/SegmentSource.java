package io.avqa.features.offline;

import java.io.IOException;
import java.util.List;

import io.avqa.schemas.Segment;

/**
 * Where a video's segments come from in offline extraction: in the app, the ingest segmenter over
 * {@code videos/<id>.mp4}; in tests, generated segments. Called from worker threads, one video at a time
 * per thread, so implementations must be safe to call concurrently for different videos.
 */
@FunctionalInterface
public interface SegmentSource {

    /** All 1-second segments of the video, seq 0..S-1 in order. */
    List<Segment> segments(String videoId) throws IOException;
}
