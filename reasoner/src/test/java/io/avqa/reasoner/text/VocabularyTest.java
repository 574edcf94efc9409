package io.avqa.reasoner.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.avqa.dataset.musicavqa.AnnotationReader;
import io.avqa.dataset.musicavqa.AvqaQuestion;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void tokenizerFillsSlotsStripsTheQuestionMarkAndKeepsCase() {
        assertEquals(List.of("Is", "the", "acoustic_guitar", "louder", "than", "the", "piano"),
                QuestionTokenizer.words("Is the <Object> louder than the <Object>?", List.of("acoustic_guitar", "piano")));
        assertEquals(List.of("How", "many", "sounding", "cello", "in", "the", "video"),
                QuestionTokenizer.words("How many sounding <Object> in the video？", List.of("cello")));
        // a space after the question mark keeps "sound?" as the reference does
        assertEquals(List.of("Are", "there", "cello", "and", "piano", "sound?"),
                QuestionTokenizer.words("Are there <Object> and <Object> sound? ", List.of("cello", "piano")));
    }

    @Test
    void encodesPadFirstUnknownLastAndCutsToFourteen() {
        Vocabulary v = Vocabulary.fromWords(List.of("Is", "the", "cello"));
        assertEquals(0, v.id(Vocabulary.PAD));
        assertEquals(v.size() - 1, v.id("banjo"));
        assertArrayEquals(new long[] {1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                v.encode(List.of("Is", "the", "cello", "banjo")));
        List<String> longQuestion = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            longQuestion.add("the");
        }
        long[] cut = v.encode(longQuestion);
        assertEquals(14, cut.length);
        assertEquals(2, cut[13]);
    }

    @Test
    void realMusicAvqaAnnotationsGiveNinetyTwoWordsPlusPad() throws IOException {
        Path root = SharedData.musicAvqa();
        List<AvqaQuestion> all = new ArrayList<>();
        for (Path dir : List.of(root.resolve("json"), root.resolve("json_update"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    all.addAll(AnnotationReader.read(f));
                }
            }
        }
        Vocabulary v = Vocabulary.build(all);
        assertEquals(92, v.wordCount());
        assertEquals(Vocabulary.PAD, v.tokens().get(0));
        assertEquals(94, v.size(), "92 words + <pad> + <unk>");
        AnswerSet answers = AnswerSet.build(AnnotationReader.read(root.resolve("json/avqa-val.json")));
        assertTrue(answers.size() >= 40 && answers.size() <= 42, "answers: " + answers.answers());
        TemplateCatalog catalog = TemplateCatalog.build(all);
        assertEquals(33, catalog.templates().size());
        assertEquals(List.of("left", "middle", "right"), catalog.valuesOf("<LR>"));
    }
}
