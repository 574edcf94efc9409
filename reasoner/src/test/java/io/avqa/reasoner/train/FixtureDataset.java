package io.avqa.reasoner.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avqa.dataset.musicavqa.Categories;
import io.avqa.dataset.musicavqa.FeatureLayout;
import io.avqa.dataset.musicavqa.NpyArray;

/**
 * Writes a small dataset in the shared layout whose features carry the answers weakly: each heard instrument
 * adds its own fixed pattern to the audio rows, each visible instrument adds its own 512-d pattern at one
 * 3x3 block of the visual map, on top of noise. Questions use real MUSIC-AVQA templates: "Is there a X sound?"
 * (one yes, one no per clip), "How many ... heard" (one/two) and "What kind of musical instrument is it?", so
 * the question-only baseline (majority per template) is about 50 %, 50 % and 1/6 on them.
 */
final class FixtureDataset {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Instruments used by the fixture (the first six categories). */
    static final int INSTRUMENTS = 6;

    private final Path dir;
    private final int seconds;
    private final boolean musicAvqaStyle;
    private final Random random;
    private final float[][] audioPatterns = new float[INSTRUMENTS][128];
    private final float[][] visualPatterns = new float[INSTRUMENTS][512];
    private long questionId;
    private boolean withPresenceQuestions = true;

    /**
     * @param musicAvqaStyle true: float32 visual features, no labels/ and no backbone.json, as MUSIC-AVQA
     *                       distributes them; false: our synthetic layout (float16 visual, labels, backbone id)
     */
    FixtureDataset(Path dir, int seconds, boolean musicAvqaStyle, long seed) {
        this.dir = dir;
        this.seconds = seconds;
        this.musicAvqaStyle = musicAvqaStyle;
        this.random = new Random(seed);
        for (int c = 0; c < INSTRUMENTS; c++) {
            for (int i = 0; i < 128; i++) {
                audioPatterns[c][i] = (float) random.nextGaussian();
            }
            for (int i = 0; i < 512; i++) {
                visualPatterns[c][i] = random.nextFloat() < 0.2f ? 3f : 0f;
            }
        }
    }

    /** Leaves out the "Is there a X sound?" questions, which need question-feature interaction to learn. */
    FixtureDataset withoutPresenceQuestions() {
        withPresenceQuestions = false;
        return this;
    }

    /** Writes train/val/test with the given numbers of clips; returns the dataset directory. */
    Path write(int train, int val, int test) throws IOException {
        Files.createDirectories(dir);
        if (!musicAvqaStyle) {
            FeatureLayout.at(dir).writeBackboneId("fixture-v1");
        }
        split("train", train);
        split("val", val);
        split("test", test);
        return dir;
    }

    private void split(String name, int clips) throws IOException {
        ArrayNode questions = JSON.createArrayNode();
        for (int k = 0; k < clips; k++) {
            String id = name + "-" + k;
            boolean[] heard = new boolean[INSTRUMENTS];
            boolean[] visible = new boolean[INSTRUMENTS];
            int main = random.nextInt(INSTRUMENTS);
            heard[main] = true;
            visible[main] = true;
            if (random.nextBoolean()) {
                heard[(main + 1 + random.nextInt(INSTRUMENTS - 1)) % INSTRUMENTS] = true;
            }
            writeFeatures(id, heard, visible);
            if (!musicAvqaStyle) {
                writeLabels(id, heard, visible);
            }
            int absent = (main + 1 + random.nextInt(INSTRUMENTS - 1)) % INSTRUMENTS;
            while (heard[absent]) {
                absent = (absent + 1) % INSTRUMENTS;
            }
            int count = 0;
            for (boolean h : heard) {
                count += h ? 1 : 0;
            }
            if (withPresenceQuestions) {
                questions.add(question(id, "Is there a <Object> sound?", "Audio", "Counting", main, "yes"));
                questions.add(question(id, "Is there a <Object> sound?", "Audio", "Counting", absent, "no"));
            }
            questions.add(question(id, "How many musical instruments were heard throughout the video?", "Audio",
                    "Counting", -1, count == 1 ? "one" : "two"));
            questions.add(question(id, "What kind of musical instrument is it?", "Visual", "Location", -1,
                    Categories.ALL.get(main)));
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("avqa-" + name + ".json").toFile(), questions);
    }

    private ObjectNode question(String videoId, String content, String modality, String kind, int category,
            String answer) {
        ObjectNode q = JSON.createObjectNode();
        q.put("video_id", videoId);
        q.put("question_id", questionId++);
        q.put("type", "[\"" + modality + "\", \"" + kind + "\"]");
        q.put("question_content", content);
        q.put("templ_values", category < 0 ? "[]" : "[\"" + Categories.ALL.get(category) + "\"]");
        q.put("question_deleted", 0);
        q.put("anser", answer);
        return q;
    }

    private void writeFeatures(String id, boolean[] heard, boolean[] visible) throws IOException {
        float[] audio = new float[seconds * 128];
        float[] visual = new float[seconds * 512 * 196];
        for (int s = 0; s < seconds; s++) {
            for (int i = 0; i < 128; i++) {
                float v = (float) random.nextGaussian();
                for (int c = 0; c < INSTRUMENTS; c++) {
                    v += heard[c] ? 2.5f * audioPatterns[c][i] : 0f;
                }
                audio[s * 128 + i] = v;
            }
            for (int i = s * 512 * 196; i < (s + 1) * 512 * 196; i++) {
                visual[i] = random.nextFloat() * 0.5f;
            }
            for (int c = 0; c < INSTRUMENTS; c++) {
                if (visible[c]) {
                    // a 3x3 block of positions shows the instrument
                    int row = random.nextInt(12);
                    int col = random.nextInt(12);
                    for (int ch = 0; ch < 512; ch++) {
                        for (int dy = 0; dy < 3; dy++) {
                            for (int dx = 0; dx < 3; dx++) {
                                visual[(s * 512 + ch) * 196 + (row + dy) * 14 + col + dx] += visualPatterns[c][ch];
                            }
                        }
                    }
                }
            }
        }
        FeatureLayout layout = FeatureLayout.at(dir);
        NpyArray a = new NpyArray(new long[] {seconds, 128}, audio);
        NpyArray v = new NpyArray(new long[] {seconds, 512, 14, 14}, visual);
        if (musicAvqaStyle) {
            a.write(layout.audioFile(id), false);
            v.write(layout.visualFile(id), false);
        } else {
            layout.write(id, a, v);
        }
    }

    private void writeLabels(String id, boolean[] heard, boolean[] visible) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("video_id", id);
        ArrayNode h = root.putArray("heard_categories");
        ArrayNode v = root.putArray("visible_categories");
        for (int c = 0; c < Categories.ALL.size(); c++) {
            h.add(c < INSTRUMENTS && heard[c] ? 1 : 0);
            v.add(c < INSTRUMENTS && visible[c] ? 1 : 0);
        }
        Files.createDirectories(dir.resolve("labels"));
        JSON.writeValue(dir.resolve("labels").resolve(id + ".json").toFile(), root);
    }

    static List<String> instruments() {
        return new ArrayList<>(Categories.ALL.subList(0, INSTRUMENTS));
    }
}
