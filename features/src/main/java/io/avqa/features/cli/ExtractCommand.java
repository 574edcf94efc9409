package io.avqa.features.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.features.offline.OfflineExtractor;
import io.avqa.features.offline.SegmentSource;
import io.avqa.features.weights.Backbone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avqa features extract --dataset DIR}: offline extraction of a dataset's videos into the MUSIC-AVQA
 * feature layout. The command does not decode video itself (the feature stage never imports ingest): the
 * application passes a factory that turns a dataset directory into a {@link SegmentSource} (the ingest
 * segmenter over {@code videos/<id>.mp4}), e.g.
 * {@code new CommandLine(new FeaturesCommand()).addSubcommand("extract", new ExtractCommand(IngestSegments::of))}.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Extracts VGGish and ResNet-18 features of every video in DATASET/videos into DATASET/feats "
                + "(vggish/<id>.npy [S,128] float32, res18_14x14/<id>.npy [S,512,14,14] float16, backbone.json), "
                + "with the same extractor as the service, so training and serving features are identical.")
public final class ExtractCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractCommand.class);

    private final Function<Path, SegmentSource> sources;

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset directory (holds videos/).")
    Path dataset;

    @Option(names = "--weights", defaultValue = Backbone.SHIPPED, paramLabel = "DIR|seeded-v1",
            description = "Backbone weights: seeded-v1 or a directory of checkpoints (default: ${DEFAULT-VALUE}).")
    String weights;

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N",
            description = "Worker threads, each with its own networks, each taking whole videos (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "PyTorch intra-op threads per worker (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--batch-size", defaultValue = "8", paramLabel = "B",
            description = "Segments per inference batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    public ExtractCommand(Function<Path, SegmentSource> sources) {
        this.sources = sources;
    }

    @Override
    public Integer call() throws Exception {
        List<String> ids = OfflineExtractor.videoIds(dataset);
        if (ids.isEmpty()) {
            throw new IOException(dataset.resolve("videos") + " has no .mp4 files: generate a dataset first");
        }
        OfflineExtractor extractor = new OfflineExtractor(dataset, Backbone.parse(weights), workers, threads, batchSize);
        long t = System.nanoTime();
        long segments = extractor.extractAll(ids, sources.apply(dataset));
        double s = (System.nanoTime() - t) / 1e9;
        LOG.info("extracted {} segments of {} videos in {} s ({} segments/s) into {}", segments, ids.size(),
                String.format(java.util.Locale.ROOT, "%.1f", s), String.format(java.util.Locale.ROOT, "%.2f", segments / s),
                dataset.resolve("feats"));
        return 0;
    }
}
