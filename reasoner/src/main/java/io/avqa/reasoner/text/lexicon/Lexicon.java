package io.avqa.reasoner.text.lexicon;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.avqa.reasoner.text.normalise.TextNormaliser;

/**
 * Reads a question into {@link Tag}s: normalises it, corrects typos against the known words, then takes at each
 * position the longest known phrase or instrument name ("at the same time", "bass guitar"), so that the
 * meaning of a phrase never depends on what its single words mean elsewhere. Built once per model (its
 * instrument categories); immutable and thread-safe.
 */
public final class Lexicon {
    private final InstrumentNames instruments;
    private final Spelling spelling;
    private final int longestPhrase;

    /** @param categories the model's instrument categories (its &lt;Object&gt; slot values) */
    public Lexicon(Collection<String> categories) {
        this.instruments = InstrumentNames.of(categories);
        Set<String> known = new HashSet<>(instruments.words());
        int longest = 1;
        for (String p : Phrases.ALL.keySet()) {
            String[] words = p.split(" ");
            longest = Math.max(longest, words.length);
            known.addAll(List.of(words));
        }
        this.longestPhrase = Math.max(longest, instruments.longestName());
        this.spelling = new Spelling(Set.copyOf(known), instruments.meanings());
    }

    /** The question's tags in order; an unknown word is one {@link Cue#UNKNOWN} tag. */
    public List<Tag> tag(String question) {
        List<String> words = corrected(TextNormaliser.words(question));
        List<Tag> out = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            Tag best = null;
            int bestLength = 0;
            for (int n = Math.min(longestPhrase, words.size() - i); n >= 1 && best == null; n--) {
                String phrase = String.join(" ", words.subList(i, i + n));
                Tag t = instruments.find(phrase);
                if (t == null) {
                    t = Phrases.ALL.get(phrase);
                }
                if (t != null) {
                    best = new Tag(t.cue(), t.value(), phrase);
                    bestLength = n;
                }
            }
            if (best == null) {
                best = new Tag(Cue.UNKNOWN, words.get(i), words.get(i));
                bestLength = 1;
            }
            out.add(best);
            i += bestLength;
        }
        return out;
    }

    private List<String> corrected(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        for (String w : words) {
            if (spelling.knows(w) || instruments.find(w) != null) {
                out.add(w);
                continue;
            }
            String fixed = spelling.correct(w);
            if (fixed == null && w.endsWith("s")) {
                fixed = spelling.correct(w.substring(0, w.length() - 1));
            }
            out.add(fixed == null ? w : fixed);
        }
        return out;
    }
}
