package io.avqa.app.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.avqa.features.offline.OfflineExtractor;
import io.avqa.features.weights.Backbone;
import io.avqa.ingest.segment.FileSegments;
import io.avqa.ingest.segment.MediaException;
import io.avqa.ingest.segment.SegmenterOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avqa features extract}: the offline path of the feature stage. Each {@code videos/<id>.mp4} of a
 * dataset is cut by the ingest segmenter (exactly as a live stream would be) and run through the feature
 * extractor the service uses, into the MUSIC-AVQA feature layout under {@code feats/}.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Extract features of a dataset's videos offline into feats/vggish and feats/res18_14x14 (.npy).",
                "Uses the same segmenter and networks as the live services, so training and serving features agree."})
public final class ExtractCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset directory with videos/*.mp4.")
    Path dataset;

    @Option(names = "--weights", defaultValue = "seeded-v1", paramLabel = "DIR|seeded-v1",
            description = "Backbone weights (TorchScript or safetensors directory) or seeded-v1 (default: ${DEFAULT-VALUE}).")
    String weights;

    @Option(names = "--workers", defaultValue = "2", description = "Videos extracted in parallel, one extractor each (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--intra-op-threads", defaultValue = "1", description = "PyTorch threads per worker (default: ${DEFAULT-VALUE}).")
    int intraOpThreads;

    @Option(names = "--batch-size", defaultValue = "10", description = "Segments per inference batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--skip-existing", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep features already extracted for a video (default: ${DEFAULT-VALUE}).")
    boolean skipExisting;

    @Override
    public Integer call() throws Exception {
        Path videos = dataset.resolve("videos");
        if (!Files.isDirectory(videos)) {
            throw new IllegalArgumentException(videos + " does not exist: generate a dataset first with "
                    + "`avqa dataset synth --out " + dataset + "` or point --dataset at a MUSIC-AVQA-style directory");
        }
        List<String> ids = videoIds(videos);
        OfflineExtractor extractor = new OfflineExtractor(dataset, Backbone.parse(weights), workers, intraOpThreads, batchSize);
        if (skipExisting) {
            ids = ids.stream().filter(id -> !Files.exists(dataset.resolve("feats/res18_14x14/" + id + ".npy"))).toList();
        }
        SegmenterOptions options = SegmenterOptions.defaults();
        long segments = extractor.extractAll(ids, id -> {
            try {
                return FileSegments.cut(videos.resolve(id + ".mp4"), id, 0, options);
            } catch (MediaException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
        System.out.println("extracted " + segments + " segments of " + ids.size() + " videos into " + dataset.resolve("feats"));
        return 0;
    }

    /** Extracts the features of every video of {@code dataset} that has none yet (a no-op when all exist). */
    public static void ensureFeatures(Path dataset, String weights) throws Exception {
        ExtractCommand extract = new ExtractCommand();
        extract.dataset = dataset;
        extract.weights = weights;
        extract.workers = 2;
        extract.intraOpThreads = 1;
        extract.batchSize = 10;
        extract.skipExisting = true;
        extract.call();
    }

    private static List<String> videoIds(Path videos) throws IOException {
        try (Stream<Path> files = Files.list(videos)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mp4"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }
}
