package io.avqa.ingest.segment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.avqa.ingest.source.FileSource;
import io.avqa.schemas.Segment;
import io.avqa.schemas.SourceKind;

/**
 * Cuts a whole media file into segment records as fast as decoding allows: the offline path (feature
 * extraction for training) uses exactly the segmenter the live service uses.
 */
public final class FileSegments {
    private FileSegments() {
    }

    /**
     * @param startMs event time given to segment 0
     * @return segments 0..n-1 in order (seq gaps where the media has no frame for a second)
     */
    public static List<Segment> cut(Path file, String streamId, long startMs, SegmenterOptions options)
            throws MediaException {
        List<Segment> segments = new ArrayList<>();
        SegmentRecords records = new SegmentRecords(options.jpegQuality());
        try (MediaSegmenter media = MediaSegmenter.open(new FileSource(file), options)) {
            SegmentCutter cutter = new SegmentCutter(media.info().hasAudio(),
                    cut -> segments.add(records.toRecord(cut, streamId, startMs + cut.seq() * 1000L, SourceKind.FILE, false)));
            media.run(cutter, () -> false);
            cutter.finish();
        }
        return segments;
    }
}
