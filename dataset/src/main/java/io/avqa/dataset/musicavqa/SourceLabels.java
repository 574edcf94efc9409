package io.avqa.dataset.musicavqa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which of the 22 categories a clip contains, per modality: the targets of SaSR-Net's source-presence
 * loss. The synthetic benchmark knows them exactly ({@code labels/<id>.json}: {@code visible_categories},
 * {@code heard_categories}); for real MUSIC-AVQA clips, whose labels were never published, both are the
 * instruments named in the clip's questions ({@code templ_values}) and answers, as MODEL.md prescribes.
 *
 * @param visible 22 values in {@link Categories#ALL} order, 1 where the category is seen
 * @param heard   22 values in {@link Categories#ALL} order, 1 where the category is heard
 */
public record SourceLabels(float[] visible, float[] heard) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SourceLabels {
        if (visible.length != Categories.ALL.size() || heard.length != Categories.ALL.size()) {
            throw new IllegalArgumentException("source labels need " + Categories.ALL.size() + " values per modality");
        }
        visible = visible.clone();
        heard = heard.clone();
    }

    @Override
    public float[] visible() {
        return visible.clone();
    }

    @Override
    public float[] heard() {
        return heard.clone();
    }

    /** Labels of each video derived from the categories its questions and answers name. */
    public static Map<String, SourceLabels> fromQuestions(Collection<AvqaQuestion> questions) {
        Map<String, float[]> named = new LinkedHashMap<>();
        for (AvqaQuestion q : questions) {
            float[] v = named.computeIfAbsent(q.videoId(), id -> new float[Categories.ALL.size()]);
            for (String value : q.templValues()) {
                mark(v, value);
            }
            mark(v, q.answer());
        }
        Map<String, SourceLabels> out = new LinkedHashMap<>();
        named.forEach((id, v) -> out.put(id, new SourceLabels(v, v)));
        return out;
    }

    /** Exact labels from a synthetic clip's {@code labels/<id>.json}. */
    public static SourceLabels fromLabelFile(Path labelsJson) throws IOException {
        JsonNode root = JSON.readTree(labelsJson.toFile());
        return new SourceLabels(vector(root, "visible_categories", labelsJson), vector(root, "heard_categories", labelsJson));
    }

    /**
     * Labels for every video of {@code questions}: exact from {@code datasetDir/labels/<id>.json} where
     * that file exists (synthetic clips), derived from the questions otherwise (real MUSIC-AVQA clips).
     */
    public static Map<String, SourceLabels> forDataset(Path datasetDir, Collection<AvqaQuestion> questions)
            throws IOException {
        Map<String, SourceLabels> derived = fromQuestions(questions);
        Map<String, SourceLabels> out = new LinkedHashMap<>();
        for (Map.Entry<String, SourceLabels> e : derived.entrySet()) {
            Path file = datasetDir.resolve("labels").resolve(e.getKey() + ".json");
            out.put(e.getKey(), Files.exists(file) ? fromLabelFile(file) : e.getValue());
        }
        return out;
    }

    private static void mark(float[] v, String word) {
        int i = Categories.indexOf(word);
        if (i >= 0) {
            v[i] = 1;
        }
    }

    private static float[] vector(JsonNode root, String field, Path file) throws IOException {
        JsonNode a = root.path(field);
        if (!a.isArray() || a.size() != Categories.ALL.size()) {
            throw new IOException(file + ": " + field + " must be a list of " + Categories.ALL.size() + " numbers");
        }
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) a.get(i).asDouble();
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceLabels s && Arrays.equals(visible, s.visible) && Arrays.equals(heard, s.heard);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(visible) + Arrays.hashCode(heard);
    }

    @Override
    public String toString() {
        return "SourceLabels[visible=" + Arrays.toString(visible) + ", heard=" + Arrays.toString(heard) + "]";
    }
}
