package io.avqa.dataset.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.avqa.dataset.musicavqa.AnnotationReader;
import io.avqa.dataset.musicavqa.AvqaQuestion;
import io.avqa.dataset.musicavqa.Categories;
import io.avqa.dataset.musicavqa.Templates;

/**
 * Checks the default benchmark (2,000 clips, seed 1) on its written JSON only: the question plan,
 * labels and meta.json are what decide coverage, answers and balance; rendering the 2,000 videos is
 * measured by the benchmark instead, because it takes minutes.
 */
class BenchmarkPlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static JsonNode meta;

    @BeforeAll
    static void writeDefaultBenchmarkPlan() throws IOException {
        new ConcertGenerator(SynthConfig.defaults(2000, 1)).writePlan(dir);
        meta = JSON.readTree(dir.resolve("meta.json").toFile());
    }

    @Test
    void metadataCoversAllNineTypesAndAll33Templates() {
        for (String type : Templates.TYPES) {
            assertTrue(meta.path("questions_per_type").path(type).asInt() >= 300,
                    type + " has too few questions: " + meta.path("questions_per_type"));
        }
        assertEquals(33, meta.path("answers_per_template").size());
    }

    @Test
    void metadataCoversAll22CategoriesSeenAndHeardAndAsAnswers() {
        for (String c : Categories.ALL) {
            JsonNode cat = meta.path("categories").path(c);
            assertTrue(cat.path("clips_seen").asInt() > 20, c + " rarely seen: " + cat);
            assertTrue(cat.path("clips_heard").asInt() > 20, c + " rarely heard: " + cat);
            assertTrue(meta.path("questions_per_answer").path(c).asInt() > 20, c + " rarely an answer");
        }
    }

    @Test
    void questionOnlyBaselineIsAtMostHalf() {
        for (String split : List.of("val", "test")) {
            double acc = meta.path("question_only_baseline").path(split).path("accuracy").asDouble(1);
            assertTrue(acc <= 0.5, split + " question-only baseline " + acc + " exceeds 50%");
        }
    }

    @Test
    void everyAnswerAgreesWithAnIndependentCheckOfTheLabels() throws IOException {
        Map<String, LabelOracle> oracles = new HashMap<>();
        int checked = 0;
        for (Split split : Split.values()) {
            for (AvqaQuestion q : AnnotationReader.read(dir.resolve(split.fileName()))) {
                LabelOracle oracle = oracles.computeIfAbsent(q.videoId(), id -> {
                    try {
                        return new LabelOracle(JSON.readTree(dir.resolve("labels").resolve(id + ".json").toFile()));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                String expected = oracle.answer(q.content(), q.templValues());
                assertNotNull(expected, "asked an ill-defined question: " + q.filledText() + " about " + q.videoId());
                assertEquals(expected, q.answer(), q.filledText() + " about " + q.videoId());
                checked++;
            }
        }
        assertTrue(checked > 20_000, "only " + checked + " questions");
    }

    @Test
    void splitsAreByClipAndQuestionIdsAreUnique() throws IOException {
        Map<String, Split> clipSplit = new HashMap<>();
        Set<Long> ids = new HashSet<>();
        for (Split split : Split.values()) {
            for (AvqaQuestion q : AnnotationReader.read(dir.resolve(split.fileName()))) {
                Split before = clipSplit.putIfAbsent(q.videoId(), split);
                assertTrue(before == null || before == split, q.videoId() + " is in " + before + " and " + split);
                assertTrue(ids.add(q.questionId()), "duplicate question id " + q.questionId());
            }
        }
        assertEquals(2000, Files.list(dir.resolve("labels")).count());
        assertEquals(1400, meta.path("splits").path("train").path("clips").asInt());
    }

    @Test
    void sameSeedWritesByteIdenticalJson(@TempDir Path again) throws IOException {
        new ConcertGenerator(SynthConfig.defaults(2000, 1).withThreads(1)).writePlan(again);
        for (String f : List.of("meta.json", "avqa-train.json", "avqa-val.json", "avqa-test.json",
                "labels/s1-001999.json")) {
            assertEquals(-1L, Files.mismatch(dir.resolve(f), again.resolve(f)), f + " differs");
        }
    }
}
