package io.avqa.features.offline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.Device;

import io.avqa.dataset.musicavqa.FeatureLayout;
import io.avqa.dataset.musicavqa.NpyArray;
import io.avqa.features.extract.Extraction;
import io.avqa.features.extract.FeatureExtractor;
import io.avqa.features.extract.Fp16;
import io.avqa.features.extract.InferenceThreads;
import io.avqa.features.weights.Backbone;
import io.avqa.features.weights.WeightMismatchException;
import io.avqa.ops.log.ProgressBars;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Segment;
import me.tongfei.progressbar.ProgressBar;

/**
 * Offline feature extraction into a dataset's MUSIC-AVQA layout ({@link FeatureLayout}): per video,
 * {@code feats/vggish/<id>.npy} [S,128] and {@code feats/res18_14x14/<id>.npy} [S,512,14,14] (float16), and
 * {@code feats/backbone.json}. It runs the very {@link FeatureExtractor} the service runs, so training and
 * serving features agree.
 *
 * <p>Parallelism: {@code workers} threads, each with its own extractor, each taking whole videos, each with
 * {@code intraOpThreads} PyTorch threads (on 2 cores, 2 workers x 1 thread beat 1 x 2: see
 * {@code bench/results/features.md}). A rejected segment (undecodable frame, wrong audio length) fails its
 * video with the reason: training data never has silent holes.
 */
public final class OfflineExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineExtractor.class);

    private final FeatureLayout layout;
    private final Backbone backbone;
    private final int workers;
    private final int intraOpThreads;
    private final int batchSize;

    public OfflineExtractor(Path datasetDir, Backbone backbone, int workers, int intraOpThreads, int batchSize) {
        if (workers < 1 || batchSize < 1 || batchSize > FeatureExtractor.MAX_BATCH) {
            throw new IllegalArgumentException("workers must be >= 1 and batch size 1.." + FeatureExtractor.MAX_BATCH);
        }
        this.layout = FeatureLayout.at(datasetDir);
        this.backbone = backbone;
        this.workers = workers;
        this.intraOpThreads = intraOpThreads;
        this.batchSize = batchSize;
    }

    /**
     * Extracts every video in {@code videoIds} (skipping none), with a progress bar over videos.
     *
     * @return the number of segments extracted
     * @throws IOException naming the first video that failed, after the others finished
     */
    public long extractAll(List<String> videoIds, SegmentSource source) throws IOException, WeightMismatchException {
        Optional<String> recorded = layout.backboneId();
        if (recorded.isPresent() && !recorded.get().equals(backbone.id())) {
            LOG.warn("{} holds features of backbone {}; overwriting with {}", layout.audioFile("x").getParent().getParent(),
                    recorded.get(), backbone.id());
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<Long>> done = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "features-offline");
            t.setDaemon(true);
            return t;
        });
        try (ProgressBar bar = ProgressBars.builder("features", videoIds.size(), 1000).build()) {
            for (int w = 0; w < workers; w++) {
                done.add(pool.submit(() -> {
                    InferenceThreads.set(intraOpThreads);
                    long segments = 0;
                    try (FeatureExtractor extractor = FeatureExtractor.create(backbone, Device.cpu())) {
                        for (int i = next.getAndIncrement(); i < videoIds.size(); i = next.getAndIncrement()) {
                            String id = videoIds.get(i);
                            segments += writeVideo(extractor, id, source.segments(id));
                            bar.step();
                        }
                    }
                    return segments;
                }));
            }
            long total = 0;
            for (Future<Long> f : done) {
                total += f.get();
            }
            layout.writeBackboneId(backbone.id());
            return total;
        } catch (ExecutionException e) {
            next.set(videoIds.size()); // stop handing out videos
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof WeightMismatchException wm) {
                throw wm;
            }
            throw new IOException("offline extraction failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("offline extraction interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Ids of the videos of a dataset: {@code videos/<id>.mp4}, sorted. */
    public static List<String> videoIds(Path datasetDir) throws IOException {
        Path videos = datasetDir.resolve("videos");
        if (!java.nio.file.Files.isDirectory(videos)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(videos)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mp4"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }

    /** Extracts one video's segments in batches and writes its two feature files; returns S. */
    public long writeVideo(FeatureExtractor extractor, String videoId, List<Segment> segments) throws IOException {
        if (segments.isEmpty()) {
            throw new IOException(videoId + ": no segments (empty or unreadable video)");
        }
        int s = segments.size();
        float[] audio = new float[s * 128];
        float[] visual = new float[s * FeatureExtractor.MAP_VALUES];
        for (int from = 0; from < s; from += batchSize) {
            List<Extraction> out = extractor.extract(segments.subList(from, Math.min(s, from + batchSize)));
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i) instanceof Extraction.Rejected r) {
                    throw new IOException(videoId + " segment " + r.segment().getSeq() + ": " + r.reason());
                }
                Embedding e = ((Extraction.Features) out.get(i)).embedding();
                int row = from + i;
                for (int k = 0; k < 128; k++) {
                    audio[row * 128 + k] = e.getAudio().get(k);
                }
                Fp16.decode(e.getVisualMap().getFp16(), visual, row * FeatureExtractor.MAP_VALUES);
            }
        }
        layout.write(videoId, new NpyArray(new long[] {s, 128}, audio),
                new NpyArray(new long[] {s, 512, FeatureExtractor.MAP_SIZE, FeatureExtractor.MAP_SIZE}, visual));
        return s;
    }
}
