package io.avqa.reasoner.text.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class LexiconTest {
    private static final List<String> CATEGORIES = List.of("accordion", "acoustic_guitar", "cello", "congas", "drum",
            "electric_bass", "piano", "saxophone", "suona", "trumpet", "tuba", "ukulele", "violin", "xylophone");
    private final Lexicon lexicon = new Lexicon(CATEGORIES);

    private List<String> instruments(String question) {
        return lexicon.tag(question).stream().filter(t -> t.is(Cue.INSTRUMENT_NAME)).map(Tag::value).toList();
    }

    private List<Cue> cues(String question) {
        return lexicon.tag(question).stream().map(Tag::cue).filter(c -> c != Cue.FILLER).toList();
    }

    @Test
    void everydayNamesMeanTheModelsCategories() {
        assertEquals(List.of("acoustic_guitar", "drum"), instruments("is the guitar louder than the drums"));
        assertEquals(List.of("saxophone", "electric_bass", "piano"), instruments("sax, bass guitar and keys"));
        assertEquals(List.of("ukulele", "congas"), instruments("a uke and a conga"));
    }

    @Test
    void pluralsMeanTheSingularCategory() {
        assertEquals(List.of("violin", "saxophone", "piano", "cello"), instruments("violins saxes pianos celloes"));
    }

    @Test
    void hyphenatedAndSpacedMultiWordNamesAreOneInstrument() {
        assertEquals(List.of("acoustic_guitar", "electric_bass"), instruments("acoustic-guitar and electric bass"));
    }

    @Test
    void typosAreCorrectedToTheOneNearWord() {
        assertEquals(List.of("violin", "saxophone", "accordion", "ukulele", "violin"),
                instruments("violn saxaphone accordian ukelele voilin"));
        assertEquals(List.of(Cue.HOW_MANY, Cue.INSTRUMENT, Cue.SOUND), cues("how many instrumnets are plaing"));
    }

    @Test
    void realWordsThatChangeTheMeaningAreNeverCorrected() {
        assertEquals(List.of(Cue.INSTRUMENT_NAME, Cue.OTHER_COMPARISON, Cue.THAN, Cue.INSTRUMENT_NAME),
                cues("is the violin lower than the piano"));
        assertEquals(List.of(Cue.INSTRUMENT_NAME, Cue.QUIETER, Cue.THAN, Cue.INSTRUMENT_NAME),
                cues("is the violin quieter than the piano"));
    }

    @Test
    void aNameOfSeveralCategoriesIsAmbiguousAndAnUnknownInstrumentIsForeign() {
        Tag horn = lexicon.tag("the horn").get(1);
        assertEquals(Cue.AMBIGUOUS_INSTRUMENT, horn.cue());
        assertEquals("trumpet,tuba,suona", horn.value());
        assertEquals(Cue.FOREIGN_INSTRUMENT, lexicon.tag("electric guitar").get(0).cue());
        assertEquals(Cue.FOREIGN_INSTRUMENT, lexicon.tag("harp").get(0).cue());
        // a category this model lacks is foreign too, whatever it is called
        assertEquals(Cue.FOREIGN_INSTRUMENT, lexicon.tag("erhu").get(0).cue());
    }

    @Test
    void phrasesAreReadWholeBeforeTheirWords() {
        assertEquals(List.of(Cue.WHICH, Cue.INSTRUMENT, Cue.SOUND, Cue.SAME_TIME, Cue.INSTRUMENT_NAME),
                cues("which instrument plays at the same time as the violin"));
        assertEquals(List.of(Cue.WHICH, Cue.EXTREME_POSITION, Cue.INSTRUMENT), cues("what's the far left instrument"));
    }
}
