package io.avqa.reasoner.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.avqa.dataset.musicavqa.AvqaQuestion;

/**
 * Question words in order of first appearance over the training questions, {@code <pad>} first (id 0) and
 * {@code <unk>} last, for words never seen in training. Encodes a question to exactly
 * {@link #QUESTION_LENGTH} ids, right-padded or cut.
 */
public final class Vocabulary {
    public static final String PAD = "<pad>";
    public static final String UNKNOWN = "<unk>";
    /** L: the LSTM reads 14 steps. */
    public static final int QUESTION_LENGTH = 14;

    private final List<String> tokens;
    private final Map<String, Integer> ids = new HashMap<>();

    private Vocabulary(List<String> tokens) {
        if (tokens.isEmpty() || !tokens.get(0).equals(PAD) || !tokens.get(tokens.size() - 1).equals(UNKNOWN)) {
            throw new IllegalArgumentException("a vocabulary starts with " + PAD + " and ends with " + UNKNOWN);
        }
        this.tokens = List.copyOf(tokens);
        for (int i = 0; i < this.tokens.size(); i++) {
            ids.putIfAbsent(this.tokens.get(i), i);
        }
    }

    /** Builds the vocabulary from training questions (their filled words, in order of first appearance). */
    public static Vocabulary build(Collection<AvqaQuestion> questions) {
        LinkedHashSet<String> words = new LinkedHashSet<>();
        for (AvqaQuestion q : questions) {
            words.addAll(QuestionTokenizer.words(q.content(), q.templValues()));
        }
        return fromWords(words);
    }

    /** A vocabulary from its words, without {@code <pad>} and {@code <unk>}. */
    public static Vocabulary fromWords(Collection<String> words) {
        List<String> all = new ArrayList<>(words.size() + 2);
        all.add(PAD);
        for (String w : words) {
            if (!w.equals(PAD) && !w.equals(UNKNOWN)) {
                all.add(w);
            }
        }
        all.add(UNKNOWN);
        return new Vocabulary(all);
    }

    /** Restores a saved vocabulary (the list returned by {@link #tokens()}). */
    public static Vocabulary fromTokens(List<String> tokens) {
        return new Vocabulary(tokens);
    }

    /** All tokens, {@code <pad>} first and {@code <unk>} last: the embedding table size. */
    public List<String> tokens() {
        return tokens;
    }

    public int size() {
        return tokens.size();
    }

    /** Number of real words (without {@code <pad>} and {@code <unk>}). */
    public int wordCount() {
        return tokens.size() - 2;
    }

    public boolean contains(String word) {
        return ids.containsKey(word) && !word.equals(PAD) && !word.equals(UNKNOWN);
    }

    /** Id of a word, the {@code <unk>} id when it was not seen in training. */
    public int id(String word) {
        Integer id = ids.get(word);
        return id == null ? tokens.size() - 1 : id;
    }

    /** Ids of the words, right-padded with 0 or cut to {@link #QUESTION_LENGTH}. */
    public long[] encode(List<String> words) {
        long[] out = new long[QUESTION_LENGTH];
        for (int i = 0; i < Math.min(words.size(), QUESTION_LENGTH); i++) {
            out[i] = id(words.get(i));
        }
        return out;
    }
}
