package io.avqa.dataset.musicavqa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceLabelsTest {

    private static AvqaQuestion q(String video, List<String> values, String answer) {
        return new AvqaQuestion(video, 0, "Audio", "Comparative", "Is the <Object> louder than the <Object>?", values,
                answer);
    }

    @Test
    void realClipsGetTheCategoriesNamedInTheirQuestionsAndAnswers() {
        Map<String, SourceLabels> labels = SourceLabels.fromQuestions(List.of(
                q("v1", List.of("cello", "piano"), "yes"),
                q("v1", List.of("left"), "violin"),
                q("v2", List.of(), "two")));
        float[] v1 = labels.get("v1").heard();
        assertEquals(1f, v1[Categories.indexOf("cello")]);
        assertEquals(1f, v1[Categories.indexOf("piano")]);
        assertEquals(1f, v1[Categories.indexOf("violin")]);
        assertEquals(3f, sum(v1));
        assertEquals(0f, sum(labels.get("v2").visible()));
    }

    @Test
    void syntheticClipsUseTheirLabelFiles(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("labels"));
        int[] visible = new int[22];
        int[] heard = new int[22];
        visible[Categories.indexOf("tuba")] = 1;
        heard[Categories.indexOf("bagpipe")] = 1;
        Files.writeString(dir.resolve("labels/s1-000000.json"), "{\"visible_categories\": "
                + java.util.Arrays.toString(visible) + ", \"heard_categories\": " + java.util.Arrays.toString(heard) + "}");
        Map<String, SourceLabels> labels = SourceLabels.forDataset(dir, List.of(
                q("s1-000000", List.of("cello", "piano"), "yes"), q("other", List.of("flute", "drum"), "no")));
        assertEquals(1f, labels.get("s1-000000").visible()[Categories.indexOf("tuba")]);
        assertEquals(1f, sum(labels.get("s1-000000").visible()));
        assertEquals(1f, labels.get("s1-000000").heard()[Categories.indexOf("bagpipe")]);
        assertEquals(2f, sum(labels.get("other").heard()), "no label file: derived from the question");
    }

    private static float sum(float[] v) {
        float s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
