package io.avqa.reasoner.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.avqa.dataset.musicavqa.AnnotationReader;
import io.avqa.dataset.musicavqa.AvqaQuestion;
import io.avqa.dataset.musicavqa.Categories;
import io.avqa.dataset.musicavqa.FeatureLayout;
import io.avqa.dataset.musicavqa.NpyArray;
import io.avqa.dataset.musicavqa.SecondLabels;
import io.avqa.dataset.musicavqa.SourceLabels;
import io.avqa.reasoner.model.Window;

/**
 * One split of a dataset directory in the MUSIC-AVQA layout ({@code avqa-<split>.json} plus {@code feats/}):
 * the questions grouped by clip, and the features of a clip cut to the model's window. Features are read on
 * demand (a 10 s visual map is 4 MB as float32), so a whole split never has to fit in memory.
 *
 * <p>Window: one window per clip, segments at seconds 0, s, 2s, ..., (T-1)s; a clip shorter than that repeats
 * its last second. Source labels are {@link SourceLabels} (exact for the synthetic benchmark, derived from the
 * questions for MUSIC-AVQA, which never published them); per-second targets are {@link SecondLabels}, cut to the
 * window the same way, where the clip has them.
 */
public final class SplitData {
    private final Path datasetDir;
    private final String split;
    private final FeatureLayout layout;
    private final Map<String, List<AvqaQuestion>> byClip;

    private SplitData(Path datasetDir, String split, Map<String, List<AvqaQuestion>> byClip) {
        this.datasetDir = datasetDir;
        this.split = split;
        this.layout = FeatureLayout.at(datasetDir);
        this.byClip = byClip;
    }

    /** Reads {@code avqa-<split>.json}; names the file when it is missing. */
    public static SplitData open(Path datasetDir, String split) throws IOException {
        Path file = datasetDir.resolve("avqa-" + split + ".json");
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + split + " split in " + datasetDir + " (expected " + file.getFileName() + ")");
        }
        Map<String, List<AvqaQuestion>> byClip = new LinkedHashMap<>();
        for (AvqaQuestion q : AnnotationReader.read(file)) {
            byClip.computeIfAbsent(q.videoId(), k -> new ArrayList<>()).add(q);
        }
        return new SplitData(datasetDir, split, byClip);
    }

    public String split() {
        return split;
    }

    public Path datasetDir() {
        return datasetDir;
    }

    public FeatureLayout layout() {
        return layout;
    }

    public List<String> clips() {
        return List.copyOf(byClip.keySet());
    }

    public List<AvqaQuestion> questions() {
        List<AvqaQuestion> all = new ArrayList<>();
        byClip.values().forEach(all::addAll);
        return all;
    }

    public int questionCount() {
        return byClip.values().stream().mapToInt(List::size).sum();
    }

    /** Loads one clip's window of features, its source labels and its questions. */
    public ClipData load(String videoId, Window window) throws IOException {
        NpyArray audio = layout.readAudio(videoId);
        NpyArray visual = layout.readVisual(videoId);
        if (audio.rank() != 2 || audio.dim(1) != 128 || visual.rank() != 4 || visual.dim(1) != 512
                || visual.dim(2) != 14 || visual.dim(3) != 14) {
            throw new IOException("features of " + videoId + " have shapes " + audio + " and " + visual
                    + " (expected [S,128] and [S,512,14,14])");
        }
        int t = window.steps();
        int audioRow = 128;
        int visualRow = 512 * 14 * 14;
        long seconds = Math.min(audio.dim(0), visual.dim(0));
        float[] a = new float[t * audioRow];
        float[] v = new float[t * visualRow];
        for (int i = 0; i < t; i++) {
            int second = (int) Math.min((long) i * window.strideSeconds(), seconds - 1);
            System.arraycopy(audio.data(), second * audioRow, a, i * audioRow, audioRow);
            System.arraycopy(visual.data(), second * visualRow, v, i * visualRow, visualRow);
        }
        List<AvqaQuestion> questions = byClip.get(videoId);
        SourceLabels sources = sources(videoId, questions);
        return new ClipData(videoId, a, v, sources.heard(), sources.visible(), secondTargets(videoId, window),
                questions);
    }

    /** Source labels: exact from {@code labels/<id>.json} where the benchmark wrote it, else from the questions. */
    private SourceLabels sources(String videoId, List<AvqaQuestion> questions) throws IOException {
        Path labels = labelFile(videoId);
        return Files.isRegularFile(labels) ? SourceLabels.fromLabelFile(labels)
                : SourceLabels.fromQuestions(questions).get(videoId);
    }

    /** The per-second targets cut to the window like the features, or null when the clip has none. */
    private SecondTargets secondTargets(String videoId, Window window) throws IOException {
        Optional<SecondLabels> read = SecondLabels.read(labelFile(videoId));
        if (read.isEmpty()) {
            return null;
        }
        SecondLabels labels = read.get();
        int c = Categories.ALL.size();
        int k = SecondLabels.COLUMNS.size();
        int t = window.steps();
        float[] allHeard = labels.heard();
        float[] allColumns = labels.columns();
        float[] heard = new float[t * c];
        float[] columns = new float[t * k];
        for (int i = 0; i < t; i++) {
            int second = Math.min(i * window.strideSeconds(), labels.seconds() - 1);
            System.arraycopy(allHeard, second * c, heard, i * c, c);
            System.arraycopy(allColumns, second * k, columns, i * k, k);
        }
        return new SecondTargets(heard, columns);
    }

    private Path labelFile(String videoId) {
        return datasetDir.resolve("labels").resolve(videoId + ".json");
    }
}
