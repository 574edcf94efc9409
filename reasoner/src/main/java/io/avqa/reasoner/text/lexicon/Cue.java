package io.avqa.reasoner.text.lexicon;

/**
 * What a word or phrase of a question contributes to its meaning. The reader decides the template from the cues
 * alone, so "can you hear", "audible" and "heard" are one cue and word order matters only inside a comparison.
 */
public enum Cue {
    /** "how many", "number of", "count". */
    HOW_MANY,
    /** "where", "which side", "in which position". */
    WHERE,
    /** "which", "what". */
    WHICH,
    /** "when", "how long", "who", "why", "how": questions no template asks. */
    OTHER_QUESTION,
    /** "instrument(s)", "one(s)": an instrument not named. */
    INSTRUMENT,
    /** A named instrument of the model's categories; the tag's value is the category. */
    INSTRUMENT_NAME,
    /** A name that could be several categories ("horn"); the value lists them, comma-separated. */
    AMBIGUOUS_INSTRUMENT,
    /** An instrument or sound source the model has no category for ("harp", "singer"). */
    FOREIGN_INSTRUMENT,
    /** Playing, sounding, making sound. */
    SOUND,
    /** Hear, heard, audible. */
    HEAR,
    /** See, visible, shown, on stage. */
    SEE,
    /** Types, kinds, different. */
    TYPES,
    LOUDER,
    /** Quieter, softer, less loud: the opposite of {@link #LOUDER}, answered by swapping the two sides. */
    QUIETER,
    MORE_RHYTHMIC,
    LESS_RHYTHMIC,
    LONGER,
    SHORTER,
    /** A comparison no template makes: lower, higher, faster, better, earlier. */
    OTHER_COMPARISON,
    /** "than", "compared to". */
    THAN,
    /** Loudest or quietest: the value is the template's &lt;LL&gt; value (loudest, lowest). */
    EXTREMUM,
    /** A superlative no template asks about: highest, most rhythmic. */
    OTHER_SUPERLATIVE,
    /** Always, the whole time, throughout. */
    ALWAYS,
    /** "the whole video": always when something plays, otherwise only where to look. */
    WHOLE_VIDEO,
    /** Silent, quiet. */
    SILENT,
    /** Not, no, never, nobody. */
    NEGATION,
    /** Voiceover, narrator, talking. */
    VOICE,
    /** From, come from, made by: where a sound comes from. */
    SOURCE,
    /** Performance, concert, show. */
    PERFORMANCE,
    /** Indoors, outdoors, inside, outside. */
    INDOOR_OUTDOOR,
    /** At the same time, together, alongside. */
    SAME_TIME,
    /** Comes in, enters, starts, begins. */
    COMES_IN,
    /** Before or after: the value is the template's &lt;BA&gt; value. */
    ORDER,
    /** First, second, ..., last: the value is the word. */
    ORDINAL,
    /** Left, right, middle: the value is the template's &lt;LR&gt; value. */
    POSITION,
    /** Leftmost, far right: the value is the template's &lt;LRer&gt; value (leftest, rightest). */
    EXTREME_POSITION,
    /** A number ("two", "3"): only "how many" questions count, so elsewhere it asks what no template asks. */
    NUMBER,
    /** "or": a choice ("which is louder, A or B"). */
    OR,
    /** A word that carries no meaning here (the, is, video, right now). */
    FILLER,
    /** A word the lexicon does not know, even after spelling correction. */
    UNKNOWN
}
