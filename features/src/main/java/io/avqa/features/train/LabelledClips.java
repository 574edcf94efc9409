package io.avqa.features.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.avqa.dataset.musicavqa.AnnotationReader;
import io.avqa.dataset.musicavqa.AvqaQuestion;
import io.avqa.features.offline.SegmentSource;
import io.avqa.schemas.Segment;

/**
 * The labelled seconds of a dataset split, decoded through the same {@link SegmentSource} the feature
 * extraction uses (the ingest segmenter in the app), so backbones train on exactly the frames and audio they
 * will see. Needs {@code labels/<id>.json} per clip, which the synthetic benchmark writes.
 */
public final class LabelledClips {
    private LabelledClips() {
    }

    /** Clip ids of {@code avqa-<split>.json}, sorted. */
    public static List<String> clipIds(Path dataset, String split) throws IOException {
        Path file = dataset.resolve("avqa-" + split + ".json");
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist: is " + dataset + " a dataset in the MUSIC-AVQA layout?");
        }
        TreeSet<String> ids = new TreeSet<>();
        for (AvqaQuestion q : AnnotationReader.read(file)) {
            ids.add(q.videoId());
        }
        return List.copyOf(ids);
    }

    /**
     * Every second of {@code clips}, decoded on {@code threads} threads; the order is clip by clip, second by
     * second. A clip whose label file is missing or whose segment count differs from its labels fails the load.
     */
    public static List<LabelledSecond> load(Path dataset, List<String> clips, SegmentSource source, int threads)
            throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "labelled-clips");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<LabelledSecond>>> futures = new ArrayList<>();
            for (String clip : clips) {
                futures.add(pool.submit(() -> clip(dataset, clip, source)));
            }
            List<LabelledSecond> out = new ArrayList<>();
            for (Future<List<LabelledSecond>> f : futures) {
                out.addAll(f.get());
            }
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().toString(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decoding clips", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<LabelledSecond> clip(Path dataset, String clip, SegmentSource source) throws IOException {
        Path labelsFile = dataset.resolve("labels").resolve(clip + ".json");
        if (!Files.isRegularFile(labelsFile)) {
            throw new IOException(labelsFile + " is missing: backbone training and probes need per-second labels");
        }
        List<SecondLabels> labels = SecondLabels.read(labelsFile);
        List<Segment> segments = source.segments(clip);
        int n = Math.min(labels.size(), segments.size());
        if (n == 0 || Math.abs(labels.size() - segments.size()) > 1) {
            throw new IOException(clip + ": " + segments.size() + " segments but " + labels.size() + " labelled seconds");
        }
        List<LabelledSecond> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new LabelledSecond(clip, segments.get(i), labels.get(i)));
        }
        return out;
    }
}
