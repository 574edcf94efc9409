package io.avqa.reasoner.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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

/** One test per class of wording people use; each asserts the template and slots, or the refusal and its reason. */
class QuestionClassifierTest {
    private final QuestionClassifier classifier = new QuestionClassifier(TestCatalogs.musicAvqa());

    private Classification.Supported understood(String question) {
        return assertInstanceOf(Classification.Supported.class, classifier.classify(question), question);
    }

    private Classification.Unsupported refused(String question) {
        return assertInstanceOf(Classification.Unsupported.class, classifier.classify(question), question);
    }

    @Test
    void aTemplateInItsOwnWordingIsMatchedExactly() {
        Classification.Supported s = understood("is the acoustic guitar louder than the piano?");
        assertEquals("Audio/Comparative", s.typeName());
        assertEquals(List.of("acoustic_guitar", "piano"), s.slotValues());
        assertEquals(List.of("Is", "the", "acoustic_guitar", "louder", "than", "the", "piano"), s.words());
        assertEquals(0, s.edits());
        assertEquals("Is the acoustic guitar louder than the piano?", s.understoodAs());
    }

    @Test
    void everydayAliasesAreTheModelsInstruments() {
        Classification.Supported s = understood("is the guitar louder than the drums?");
        assertEquals(List.of("acoustic_guitar", "drum"), s.slotValues());
        assertEquals("Is the acoustic guitar louder than the drum?", s.understoodAs());
        assertEquals(List.of("saxophone"), understood("can I hear sax").slotValues());
        assertEquals(List.of("electric_bass", "piano"), understood("are the bass and the keys both playing?").slotValues());
    }

    @Test
    void pluralsCountTheNamedInstrument() {
        Classification.Supported s = understood("how many violins are there?");
        assertEquals("How many violin are in the entire video?", s.understoodAs());
        assertEquals("Visual/Counting", s.typeName());
        assertEquals("How many sounding violin in the video?", understood("how many violins are playing?").understoodAs());
    }

    @Test
    void typosAndHyphensAreTolerated() {
        assertEquals("How many instruments are sounding in the video?",
                understood("How many instrumnets are playing?").understoodAs());
        assertEquals(List.of("acoustic_guitar", "piano"), understood("is the acoustic-guitar louder than the pianno").slotValues());
        assertEquals(List.of("violin"), understood("is there a violn sound").slotValues());
    }

    @Test
    void synonymsMapToTheTemplateTheyMean() {
        assertEquals("How many instruments are sounding in the video?",
                understood("how many instruments are playing right now?").understoodAs());
        assertEquals("What is the first instrument that comes in?", understood("which instrument started first?").understoodAs());
        assertEquals("What kind of instrument is the leftest instrument?", understood("what's on the far left?").understoodAs());
        assertEquals("Is there a violin in the entire video?", understood("is there a violin?").understoodAs());
        assertEquals("Is there a violin sound?", understood("can you hear a violin?").understoodAs());
    }

    @Test
    void wordOrderAroundAComparisonIsRead() {
        assertEquals("Is the violin on the left louder than the piano on the right?",
                understood("is the left violin louder than the right piano?").understoodAs());
        assertEquals("Is the instrument on the right louder than the instrument on the left?",
                understood("is the right one louder than the left one?").understoodAs());
        assertEquals("Is the cello on the right louder than the cello on the left?",
                understood("is the cello on the right louder than the one on the left").understoodAs());
    }

    @Test
    void oppositesAreRewrittenBySwappingTheSides() {
        assertEquals("Is the piano louder than the violin?", understood("Is the violin quieter than the piano?").understoodAs());
        assertEquals("Is the drum more rhythmic than the piano?",
                understood("is the piano less rhythmic than the drum").understoodAs());
        assertEquals("Is the piano playing longer than the violin?",
                understood("does the violin play shorter than the piano?").understoodAs());
        assertEquals("Where is the lowest instrument?", understood("where is the quietest instrument").understoodAs());
    }

    @Test
    void negationsAreRefusedWithTheReasonAndThePositiveQuestion() {
        Classification.Unsupported u = refused("Is the violin not louder than the piano?");
        assertTrue(u.reason().contains("'not' changes the question"), u.reason());
        assertEquals("Is the violin louder than the piano?", u.closest().get(0).question());
        assertTrue(refused("Is there no violin sound?").reason().contains("'no'"));
        assertTrue(refused("is the violin never playing?").reason().contains("'never'"));
    }

    @Test
    void theOneNegationATemplateAsksIsUnderstood() {
        String silent = "How many instruments in the video did not sound from beginning to end?";
        assertEquals(silent, understood("How many instruments are not sounding in the video?").understoodAs());
        assertEquals(silent, understood("how many instruments never play?").understoodAs());
        assertTrue(refused("how many violins are not playing?").reason().contains("violins"));
    }

    @Test
    void comparisonsTheModelDoesNotMakeAreRefusedNotReadAsLouder() {
        Classification.Unsupported lower = refused("Is the violin lower than the piano?");
        assertTrue(lower.reason().contains("'lower' is not a comparison"), lower.reason());
        assertEquals("Is the violin louder than the piano?", lower.closest().get(0).question());
        refused("which is louder, the violin or the piano?");
        refused("does the violin start before the piano?");
    }

    @Test
    void unknownAndAmbiguousInstrumentsAreRefusedNeverGuessed() {
        assertTrue(refused("Is there a harp sound?").reason().contains("'harp'"));
        assertTrue(refused("is the electric guitar louder than the piano").reason().contains("'electric guitar'"));
        Classification.Unsupported horn = refused("is the horn louder than the piano?");
        assertTrue(horn.reason().contains("trumpet or tuba or suona"), horn.reason());
        assertEquals(List.of("Is the trumpet louder than the piano?", "Is the tuba louder than the piano?",
                "Is the suona louder than the piano?"), horn.closest().stream().map(Classification.Suggestion::question).toList());
    }

    @Test
    void suggestionsAreFullQuestionsWithTheUsersInstruments() {
        Classification.Unsupported u = refused("is the cello bigger than the flute?");
        assertEquals(3, u.closest().size());
        for (Classification.Suggestion s : u.closest()) {
            assertTrue(!s.question().contains("<"), s.question());
        }
        assertTrue(u.closest().stream().anyMatch(s -> s.question().contains("cello")), u.closest().toString());
    }

    @Test
    void aNumberOutsideHowManyIsRefusedWithTheCountToAsk() {
        Classification.Unsupported u = refused("are there two violins?");
        assertTrue(u.reason().contains("'two'"), u.reason());
        assertEquals("How many violin are in the entire video?", u.closest().get(0).question());
    }

    @Test
    void anUnknownWordIsNamedRatherThanDropped() {
        Classification.Unsupported u = refused("does the violin sound good?");
        assertTrue(u.reason().contains("'good'"), u.reason());
        assertEquals("Is there a violin sound?", u.closest().get(0).question());
    }

    @Test
    void aSlotValueTheModelNeverSawIsRefused() {
        Classification.Unsupported u = refused("which instrument comes in fourth?");
        assertTrue(u.reason().contains("first, second, third"), u.reason());
    }

    @Test
    void aTemplateTheModelWasNotTrainedOnIsRefused() {
        QuestionClassifier narrow = new QuestionClassifier(TestCatalogs.without("Is there a voiceover?"));
        Classification.Unsupported u = assertInstanceOf(Classification.Unsupported.class,
                narrow.classify("is someone talking?"));
        assertTrue(u.reason().contains("not trained on"), u.reason());
    }

    @Test
    void questionsWithoutKnownWordsAreRefusedWithSuggestions() {
        Classification.Unsupported u = refused("¿Dónde está mi gato?");
        assertEquals("no known words", u.reason());
        assertEquals(3, u.closest().size());
    }

    @Test
    void everyRealAnnotatedQuestionClassifiesToItsTemplateAndSlots() throws IOException {
        Path root = SharedData.musicAvqa();
        List<AvqaQuestion> all = new ArrayList<>();
        for (Path dir : List.of(root.resolve("json"), root.resolve("json_update"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    all.addAll(AnnotationReader.read(f));
                }
            }
        }
        QuestionClassifier real = new QuestionClassifier(TemplateCatalog.build(all));
        List<String> wrong = new ArrayList<>();
        for (AvqaQuestion q : all) {
            Classification c = real.classify(q.filledText().replace('_', ' '));
            if (!(c instanceof Classification.Supported s) || !s.template().text().equals(q.content())
                    || !s.slotValues().equals(q.templValues())) {
                wrong.add(q.filledText());
            }
        }
        assertTrue(all.size() > 19_000, "questions read: " + all.size());
        assertEquals(List.of(), wrong.subList(0, Math.min(5, wrong.size())), wrong.size() + " misread");
    }
}
