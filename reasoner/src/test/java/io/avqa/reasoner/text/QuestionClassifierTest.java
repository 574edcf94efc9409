package io.avqa.reasoner.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import io.avqa.dataset.musicavqa.AnnotationReader;
import io.avqa.dataset.musicavqa.AvqaQuestion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QuestionClassifierTest {
    private static QuestionClassifier classifier;
    private static List<AvqaQuestion> questions;

    @BeforeAll
    static void fromRealTemplates() throws IOException {
        questions = AnnotationReader.read(SharedData.musicAvqa().resolve("json/avqa-val.json"));
        classifier = new QuestionClassifier(TemplateCatalog.build(questions));
    }

    @Test
    void classifiesATypedQuestionWithSpacesInTheInstrumentName() {
        Classification c = classifier.classify("is the acoustic guitar louder than the piano?");
        Classification.Supported s = assertInstanceOf(Classification.Supported.class, c);
        assertEquals("Audio/Comparative", s.typeName());
        assertEquals(List.of("acoustic_guitar", "piano"), s.slotValues());
        assertEquals(List.of("Is", "the", "acoustic_guitar", "louder", "than", "the", "piano"), s.words());
        assertEquals(0, s.edits());
    }

    @Test
    void tellsLeftRightSlotsApartFromObjectSlots() {
        Classification.Supported s = assertInstanceOf(Classification.Supported.class,
                classifier.classify("Is the instrument on the left louder than the instrument on the right"));
        assertEquals("Audio-Visual/Comparative", s.typeName());
        assertEquals(List.of("left", "right"), s.slotValues());
    }

    @Test
    void toleratesOneTypoInALongTemplate() {
        Classification.Supported s = assertInstanceOf(Classification.Supported.class,
                classifier.classify("How many instrumnets are sounding in the video?"));
        assertEquals("Audio-Visual/Counting", s.typeName());
        assertEquals(1, s.edits());
    }

    @Test
    void everyAnnotatedQuestionClassifiesToItsOwnType() {
        int wrong = 0;
        for (AvqaQuestion q : questions) {
            Classification c = classifier.classify(q.filledText().replace('_', ' '));
            if (!(c instanceof Classification.Supported s) || !s.typeName().equals(q.typeName())) {
                wrong++;
            }
        }
        assertEquals(0, wrong, "questions classified to another type or unsupported");
    }

    @Test
    void reportsQuestionsWithoutKnownWordsAsUnsupported() {
        Classification.Unsupported u = assertInstanceOf(Classification.Unsupported.class,
                classifier.classify("¿Dónde está mi gato?"));
        assertEquals("no known words", u.reason());
        assertEquals(3, u.closest().size());
    }

    @Test
    void reportsAnUnknownTemplateWithTheClosestSupportedOnes() {
        Classification.Unsupported u = assertInstanceOf(Classification.Unsupported.class,
                classifier.classify("Is the cello quieter than the piano?"));
        assertEquals("no template matches", u.reason());
        assertTrue(u.closest().stream().anyMatch(s -> s.template().display().contains("louder than the")),
                "closest: " + u.closest());
        assertFalse(u.closest().isEmpty());
    }

    @Test
    void rejectsAnInstrumentTrainingNeverSaw() {
        assertInstanceOf(Classification.Unsupported.class, classifier.classify("Is there a harp sound?"));
    }
}
