package io.avqa.dataset.musicavqa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TemplatesTest {

    @Test
    void thirtyThreeTemplatesOverNineTypes() {
        assertEquals(33, Templates.ALL.size());
        assertEquals(9, Templates.ALL.stream().map(Template::typeName).distinct().count());
        assertTrue(Templates.ALL.stream().allMatch(t -> Templates.TYPES.contains(t.typeName())));
        assertEquals(33, Templates.ALL.stream().map(Template::id).distinct().count());
    }

    @Test
    void slotsParsedFromContentMatchTheDeclaredSlots() {
        for (Template t : Templates.ALL) {
            assertEquals(t.slots(), Templates.slotsOf(t.content()), t.id());
        }
    }

    @Test
    void tokensFillSlotsInOrderAndDropTheQuestionMark() {
        assertEquals(List.of("Is", "the", "cello", "on", "the", "left", "louder", "than", "the", "piano", "on", "the",
                "right"), Templates.tokens("Is the <Object> on the <LR> louder than the <Object> on the <LR>?",
                        List.of("cello", "left", "piano", "right")));
        assertEquals(List.of("How", "many", "sounding", "violin", "in", "the", "video"),
                Templates.tokens("How many sounding <Object> in the video\uff1f", List.of("violin")));
        assertEquals(List.of("Are", "there", "flute", "and", "drum", "sound"),
                Templates.tokens("Are there <Object> and <Object> sound? ", List.of("flute", "drum")));
    }

    @Test
    void freeTextTokensKeepTheLastLetterWhenThereIsNoQuestionMark() {
        assertEquals(List.of("Is", "the", "cello", "louder", "than", "the", "piano"),
                Templates.tokens("Is the cello  louder than the piano"));
        assertEquals(List.of("Is", "there", "a", "voiceover"), Templates.tokens("Is there a voiceover?"));
    }

    @Test
    void findsTemplatesByContentWhateverTheQuestionMark() {
        assertEquals("av_count_sounding_obj", Templates.byContent("How many sounding <Object> in the video?")
                .orElseThrow().id());
        assertEquals("a_count_are_there", Templates.byContent("Are there <Object> and <Object> sound?")
                .orElseThrow().id());
        assertTrue(Templates.byContent("Is the cello red?").isEmpty());
    }

    @Test
    void fillRefusesTheWrongNumberOfValues() {
        Template t = Templates.byId("a_comp_louder");
        assertEquals("Is the cello louder than the piano?", t.fill(List.of("cello", "piano")));
        assertThrows(IllegalArgumentException.class, () -> t.fill(List.of("cello")));
        assertThrows(IllegalArgumentException.class, () -> Slot.ofToken("<Color>"));
    }
}
