package io.avqa.reasoner.text.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.avqa.reasoner.text.normalise.TextNormaliser;
import org.junit.jupiter.api.Test;

class TextNormaliserTest {

    @Test
    void spellsOutContractionsSoNoNegationIsLost() {
        assertEquals(List.of("is", "not", "the", "violin", "louder"), TextNormaliser.words("Isn't the violin louder?"));
        assertEquals(List.of("can", "not", "you", "hear", "it"), TextNormaliser.words("Can't you hear it"));
        assertEquals(List.of("what", "is", "on", "the", "left"), TextNormaliser.words("What\u2019s on the left?"));
    }

    @Test
    void splitsHyphensAndUnderscoresAndDropsPunctuation() {
        assertEquals(List.of("is", "the", "acoustic", "guitar", "left", "most"),
                TextNormaliser.words("Is the acoustic-guitar LEFT-MOST???"));
        assertEquals(List.of("how", "many", "sounding", "electric", "bass", "in", "the", "video"),
                TextNormaliser.words("How many sounding electric_bass in the video\uff1f"));
    }

    @Test
    void writesChatSpellingsAndDigitOrdinalsAsWords() {
        assertEquals(List.of("how", "many", "are", "playing", "right", "now"), TextNormaliser.words("how many r playing rn"));
        assertEquals(List.of("which", "comes", "in", "second"), TextNormaliser.words("which comes in 2nd"));
    }
}
