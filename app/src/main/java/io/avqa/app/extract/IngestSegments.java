package io.avqa.app.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.avqa.features.offline.OfflineExtractor;
import io.avqa.features.offline.SegmentSource;
import io.avqa.features.weights.Backbone;
import io.avqa.ingest.segment.FileSegments;
import io.avqa.ingest.segment.MediaException;
import io.avqa.ingest.segment.SegmenterOptions;

/**
 * The offline path of the feature stage, wired here because it joins two services: each
 * {@code videos/<id>.mp4} is cut by the ingest segmenter exactly as a live stream would be, then run
 * through the feature extractor the service uses.
 */
public final class IngestSegments {
    private IngestSegments() {
    }

    /** Segments of a dataset's videos, as {@code avqa features extract} needs them. */
    public static SegmentSource of(Path dataset) {
        SegmenterOptions options = SegmenterOptions.defaults();
        return id -> {
            try {
                return FileSegments.cut(dataset.resolve("videos").resolve(id + ".mp4"), id, 0, options);
            } catch (MediaException e) {
                throw new IOException(e.getMessage(), e);
            }
        };
    }

    /** Extracts the features of those videos that have none yet (a no-op when all exist). */
    public static void ensureFeatures(Path dataset, String weights, List<String> videoIds) throws Exception {
        List<String> missing = videoIds.stream()
                .filter(id -> !Files.exists(dataset.resolve("feats/res18_14x14/" + id + ".npy"))).toList();
        if (!missing.isEmpty()) {
            new OfflineExtractor(dataset, Backbone.parse(weights), 2, 1, 10).extractAll(missing, of(dataset));
        }
    }
}
