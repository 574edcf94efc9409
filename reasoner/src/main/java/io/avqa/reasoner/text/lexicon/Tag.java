package io.avqa.reasoner.text.lexicon;

/**
 * One word or phrase of a question with its meaning.
 *
 * @param cue   what it contributes
 * @param value the category, slot value or option list for cues that carry one, else the phrase
 * @param typed the words as the user typed them (after normalisation), for messages
 */
public record Tag(Cue cue, String value, String typed) {

    public boolean is(Cue c) {
        return cue == c;
    }

    /** This tag with another meaning, e.g. an ambiguous name resolved to one category. */
    public Tag as(Cue c, String v) {
        return new Tag(c, v, typed);
    }
}
