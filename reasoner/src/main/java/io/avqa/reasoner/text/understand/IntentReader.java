package io.avqa.reasoner.text.understand;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.avqa.reasoner.text.lexicon.Cue;
import io.avqa.reasoner.text.lexicon.Tag;
import io.avqa.reasoner.text.understand.Understanding.Refused;
import io.avqa.reasoner.text.understand.Understanding.Understood;

/**
 * Decides which template a tagged question means, from its cues rather than its word order: the question form
 * (how many, where, which/what, yes/no) and what it is about (sounding, heard, seen, louder, first, left...).
 * Anything that would change the meaning and that no template expresses (a negation outside "did not sound", a
 * comparison or superlative no template makes, an unknown or ambiguous instrument, two unknown words) refuses
 * the question with the reason and, where one exists, the supported question nearest to it. Stateless.
 */
public final class IntentReader {
    /**
     * No unknown word is tolerated: "does the violin sound <b>good</b>?" read without "good" would be answered as
     * "is there a violin sound?". The lexicon lists the filler words people use instead (measured: 2 of 505
     * development questions refused for an unlisted filler before "stay" and "comes" were added).
     */
    private static final int UNKNOWN_WORDS_TOLERATED = 0;
    /**
     * A question opening with one of these asks yes or no, whatever "what" or "where" follows ("is what I hear
     * coming from the instruments?"); "can you tell me" is one filler phrase, so it opens nothing.
     */
    private static final Set<String> AUXILIARIES = Set.of("is", "are", "am", "was", "were", "do", "does", "did",
            "can", "could", "has", "have", "will", "would", "should");

    public Understanding read(List<Tag> tags) {
        return read(new TaggedQuestion(tags));
    }

    Understanding read(TaggedQuestion q) {
        if (q.has(Cue.FOREIGN_INSTRUMENT)) {
            return new Refused(q.typed(Cue.FOREIGN_INSTRUMENT) + " is not among the instruments the model knows",
                    List.of());
        }
        if (q.has(Cue.AMBIGUOUS_INSTRUMENT)) {
            return ambiguous(q);
        }
        if (q.has(Cue.OTHER_QUESTION)) {
            return new Refused("the model answers no " + q.typed(Cue.OTHER_QUESTION) + " questions", List.of());
        }
        if (q.has(Cue.OTHER_SUPERLATIVE)) {
            return refused(q.typed(Cue.OTHER_SUPERLATIVE) + " is not something the model ranks (it knows the loudest"
                    + " and the quietest instrument)", q.replacing(Cue.OTHER_SUPERLATIVE, Cue.EXTREMUM, "loudest"));
        }
        if (q.has(Cue.OTHER_COMPARISON)) {
            return refused(q.typed(Cue.OTHER_COMPARISON) + " is not a comparison the model makes (it compares"
                    + " louder, more rhythmic and playing longer)", q.replacing(Cue.OTHER_COMPARISON, Cue.LOUDER, "louder"));
        }
        if (q.all(Cue.UNKNOWN).size() > UNKNOWN_WORDS_TOLERATED) {
            boolean one = q.all(Cue.UNKNOWN).size() == 1;
            return refused(q.typed(Cue.UNKNOWN) + (one ? " is not a word" : " are not words") + " the model's questions"
                    + " use, so it cannot tell what " + (one ? "it changes" : "they change"), q.without(Cue.UNKNOWN));
        }
        if (q.has(Cue.HOW_MANY)) {
            return Counting.read(q.without(Cue.NUMBER));
        }
        if (q.has(Cue.NUMBER)) {
            List<Tag> asCount = new ArrayList<>();
            asCount.add(new Tag(Cue.HOW_MANY, "how many", "how many"));
            asCount.addAll(q.without(Cue.NUMBER).tags());
            return refused(q.typed(Cue.NUMBER) + ": the model counts only when asked 'how many'",
                    new TaggedQuestion(asCount));
        }
        if (q.has(Cue.NEGATION)) {
            return refused(q.typed(Cue.NEGATION) + " changes the question and the model was not trained on negated"
                    + " questions; ask it without (its answer is then the opposite)", q.without(Cue.NEGATION));
        }
        boolean yesNo = q.size() > 0 && AUXILIARIES.contains(q.tags().get(0).typed());
        if (!yesNo && q.has(Cue.WHERE)) {
            return where(q);
        }
        if (!yesNo && q.has(Cue.WHICH)) {
            return Choosing.read(q);
        }
        return YesNo.read(q);
    }

    private Understanding where(TaggedQuestion q) {
        List<String> named = q.instruments();
        if (named.isEmpty() && q.hasAny(Cue.PERFORMANCE, Cue.INDOOR_OUTDOOR)) {
            return new Understood(Intent.V_WHERE_PERFORMANCE, List.of());
        }
        if (named.isEmpty() && q.has(Cue.EXTREMUM)) {
            return new Understood(Intent.AV_WHERE_LOUDEST, List.of(q.value(Cue.EXTREMUM)));
        }
        if (named.isEmpty() && q.has(Cue.ORDINAL) && q.hasAny(Cue.SOUND, Cue.COMES_IN, Cue.HEAR)) {
            return new Understood(Intent.AV_WHERE_FIRST, List.of(q.value(Cue.ORDINAL)));
        }
        return new Refused("the model answers 'where' only for the performance (indoors or outdoors), the loudest"
                + " or quietest instrument, and the first or last one to sound",
                List.of(new Understood(Intent.AV_WHERE_FIRST, List.of("first")),
                        new Understood(Intent.AV_WHERE_LOUDEST, List.of("loudest"))));
    }

    private Understanding ambiguous(TaggedQuestion q) {
        Tag name = q.all(Cue.AMBIGUOUS_INSTRUMENT).get(0);
        List<Understood> options = new ArrayList<>();
        for (String category : name.value().split(",")) {
            List<Tag> resolved = q.tags().stream()
                    .map(t -> t == name ? t.as(Cue.INSTRUMENT_NAME, category) : t).toList();
            if (read(new TaggedQuestion(resolved)) instanceof Understood u) {
                options.add(u);
            }
        }
        return new Refused("'" + name.typed() + "' could be " + String.join(" or ", name.value().split(","))
                + "; which one do you mean?", options);
    }

    /** A refusal whose nearest reading is {@code repaired}, when that one is understood. */
    static Refused refused(String reason, TaggedQuestion repaired) {
        Understanding nearest = new IntentReader().read(repaired);
        List<Understood> list = nearest instanceof Understood u ? List.of(u)
                : nearest instanceof Refused r ? r.nearest() : List.of();
        return new Refused(reason, list);
    }
}
