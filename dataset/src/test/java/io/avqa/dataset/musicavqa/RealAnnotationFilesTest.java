package io.avqa.dataset.musicavqa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the real MUSIC-AVQA annotation files in {@code ${avqa.shared.dir}/music-avqa/} and checks what
 * the reader, the templates and the tokenizer make of them against facts counted from the files.
 */
class RealAnnotationFilesTest {
    static Path root;

    @BeforeAll
    static void locate() {
        String shared = System.getProperty("avqa.shared.dir", "../shared");
        root = Path.of(shared, "music-avqa");
        assumeTrue(Files.isDirectory(root), "MUSIC-AVQA annotation files not present at " + root
                + " (set -Davqa.shared.dir); skipping real-format tests");
    }

    private static List<AvqaQuestion> read(String file) throws IOException {
        return AnnotationReader.read(root.resolve(file));
    }

    @Test
    void valSplitHasTheKnownCountsPerType() throws IOException {
        List<AvqaQuestion> val = read("json/avqa-val.json");
        Map<String, Integer> perType = new TreeMap<>();
        val.forEach(q -> perType.merge(q.typeName(), 1, Integer::sum));
        assertEquals(4595, val.size());
        assertEquals(Map.of("Audio/Counting", 515, "Audio/Comparative", 299, "Visual/Counting", 600,
                "Visual/Location", 614, "Audio-Visual/Existential", 499, "Audio-Visual/Location", 462,
                "Audio-Visual/Counting", 635, "Audio-Visual/Comparative", 557, "Audio-Visual/Temporal", 414),
                perType);
        assertEquals(new TreeSet<>(Templates.TYPES), perType.keySet());
        assertEquals(3815, val.stream().map(AvqaQuestion::videoId).distinct().count());
    }

    @Test
    void correctedValSplitAndFakeTrainSplitHaveTheirSizes() throws IOException {
        assertEquals(4568, read("json_update/avqa-val.json").size());
        assertEquals(6233, read("json/avqa-train_fake.json").size());
    }

    @Test
    void answersAreTheMusicAvqaAnswerSet() throws IOException {
        Set<String> answers = new TreeSet<>();
        read("json/avqa-val.json").forEach(q -> answers.add(q.answer()));
        Set<String> expected = new TreeSet<>(Categories.ALL);
        expected.addAll(List.of("yes", "no", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                "nine", "more than ten", "left", "right", "middle", "indoor", "outdoor", "simultaneously"));
        // the val split has 41 of the 42 MUSIC-AVQA answers: "ten" never occurs in it
        assertEquals(expected, answers);
    }

    @Test
    void everyQuestionMatchesOneOfThe33TemplatesWithItsSlotCount() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String f : List.of("json/avqa-val.json", "json/avqa-train_fake.json", "json_update/avqa-val.json")) {
            for (AvqaQuestion q : read(f)) {
                Template t = Templates.byContent(q.content()).orElseThrow(
                        () -> new AssertionError("no template for " + q.content()));
                assertEquals(t.typeName(), q.typeName(), q.content());
                assertEquals(t.slots().size(), q.templValues().size(), q.content() + " " + q.templValues());
                for (int i = 0; i < t.slots().size(); i++) {
                    assertTrue(t.slots().get(i).fillers().contains(q.templValues().get(i)),
                            q.templValues().get(i) + " is not a value of " + t.slots().get(i));
                }
                assertEquals(q.content(), t.content(), "template spelled differently from the files");
                used.add(t.id());
            }
        }
        assertEquals(33, used.size());
    }

    @Test
    void tokenizerGivesNinetyWordsWithoutSlotsOrQuestionMarks() throws IOException {
        Set<String> vocab = new LinkedHashSet<>();
        List<String> files = new ArrayList<>();
        try (var s = Files.walk(root)) {
            s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> files.add(root.relativize(p).toString()));
        }
        for (String f : files) {
            for (AvqaQuestion q : read(f)) {
                List<String> tokens = Templates.tokens(q);
                assertTrue(tokens.size() <= 14, q.content());
                vocab.addAll(tokens);
            }
        }
        assertFalse(vocab.stream().anyMatch(w -> w.isEmpty() || w.contains("<") || w.contains("?")
                || w.contains("\uff1f")), vocab.toString());
        // the reference loader's rule (rstrip, split on ' ', drop last char, fill slots) gives 90 words here
        assertEquals(90, vocab.size(), vocab.toString());
    }
}
