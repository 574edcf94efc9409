package io.avqa.reasoner.text;

import java.util.List;
import java.util.Map;

/**
 * The 33 MUSIC-AVQA templates (texts exactly as the annotation files write them) with the slot values of the
 * real annotations: the catalog a model trained on MUSIC-AVQA carries. Written out so that the wording tests
 * run without ../shared.
 */
final class TestCatalogs {
    static final List<String> INSTRUMENTS = List.of("accordion", "acoustic_guitar", "bagpipe", "banjo", "bassoon",
            "cello", "clarinet", "congas", "drum", "electric_bass", "erhu", "flute", "guzheng", "piano", "pipa",
            "saxophone", "suona", "trumpet", "tuba", "ukulele", "violin", "xylophone");

    static final List<QuestionTemplate> TEMPLATES = List.of(
            new QuestionTemplate("Is this sound from the instrument in the video?", "Audio-Visual", "Existential"),
            new QuestionTemplate("Where is the <FL> sounding instrument?", "Audio-Visual", "Temporal"),
            new QuestionTemplate("Are there <Object> and <Object> sound? ", "Audio", "Counting"),
            new QuestionTemplate("Is the <Object> on the <LR> louder than the <Object> on the <LR>?", "Audio-Visual", "Comparative"),
            new QuestionTemplate("How many instruments are sounding in the video?", "Audio-Visual", "Counting"),
            new QuestionTemplate("Is the <Object> playing longer than the <Object>?", "Audio", "Comparative"),
            new QuestionTemplate("What is the instrument on the <LR> of <Object>?", "Visual", "Location"),
            new QuestionTemplate("Which instrument makes sounds <BA> the <Object>?", "Audio-Visual", "Temporal"),
            new QuestionTemplate("What is the <LR> instrument of the <FL> sounding instrument?", "Audio-Visual", "Location"),
            new QuestionTemplate("How many types of musical instruments appeared in the entire video?", "Visual", "Counting"),
            new QuestionTemplate("How many sounding <Object> in the video\uff1f", "Audio-Visual", "Counting"),
            new QuestionTemplate("Where is the performance?", "Visual", "Location"),
            new QuestionTemplate("Which <Object> makes the sound <FL>?", "Audio-Visual", "Temporal"),
            new QuestionTemplate("Is there a <Object> sound?", "Audio", "Counting"),
            new QuestionTemplate("Is the instrument on the <LR> louder than the instrument on the <LR>?", "Audio-Visual", "Comparative"),
            new QuestionTemplate("Is the instrument on the <LR> more rhythmic than the instrument on the <LR>?", "Audio-Visual", "Comparative"),
            new QuestionTemplate("How many musical instruments were heard throughout the video?", "Audio", "Counting"),
            new QuestionTemplate("Where is the <LL> instrument?", "Audio-Visual", "Location"),
            new QuestionTemplate("What kind of instrument is the <LRer> instrument? ", "Visual", "Location"),
            new QuestionTemplate("Is there a <Object> in the entire video?", "Visual", "Counting"),
            new QuestionTemplate("Is the <FL> sound coming from the <LR> instrument?", "Audio-Visual", "Location"),
            new QuestionTemplate("What kind of musical instrument is it?", "Visual", "Location"),
            new QuestionTemplate("How many <Object> are in the entire video?", "Visual", "Counting"),
            new QuestionTemplate("What is the <TH> instrument that comes in?", "Audio-Visual", "Temporal"),
            new QuestionTemplate("Is the <Object> louder than the <Object>?", "Audio", "Comparative"),
            new QuestionTemplate("How many types of musical instruments sound in the video?", "Audio-Visual", "Counting"),
            new QuestionTemplate("Is there a voiceover?", "Audio-Visual", "Existential"),
            new QuestionTemplate("Are there <Object> and <Object> instruments in the video?", "Visual", "Counting"),
            new QuestionTemplate("Is the <Object> in the video always playing?", "Audio-Visual", "Existential"),
            new QuestionTemplate("How many instruments in the video did not sound from beginning to end?", "Audio-Visual", "Counting"),
            new QuestionTemplate("Which is the musical instrument that sounds at the same time as the <Object>?", "Audio-Visual", "Location"),
            new QuestionTemplate("Is the <Object> more rhythmic than the <Object>?", "Audio", "Comparative"),
            new QuestionTemplate("Is the <Object> on the <LR> more rhythmic than the <Object> on the <LR>?", "Audio-Visual", "Comparative"));

    private TestCatalogs() {
    }

    static TemplateCatalog musicAvqa() {
        return TemplateCatalog.of(TEMPLATES, Map.of("<Object>", INSTRUMENTS, "<LR>", List.of("left", "middle", "right"),
                "<LRer>", List.of("leftest", "rightest"), "<FL>", List.of("first", "last"),
                "<BA>", List.of("after", "before"), "<LL>", List.of("loudest", "lowest"),
                "<TH>", List.of("first", "second", "third")));
    }

    /** The same catalog without one template, as a model trained on fewer would carry. */
    static TemplateCatalog without(String templateText) {
        TemplateCatalog all = musicAvqa();
        return TemplateCatalog.of(TEMPLATES.stream().filter(t -> !t.text().equals(templateText)).toList(),
                all.slotValues());
    }
}
