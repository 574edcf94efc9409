package io.avqa.reasoner.text.lexicon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Corrects a word the lexicon does not know to the one known word it is a likely typo of: within one edit for
 * words of 5 to 7 letters, two from 8 letters (an edit is an insertion, deletion, substitution or the swap of
 * two neighbours, "voilin"). Shorter words are never corrected ("bas" is not "bass"). When several known words
 * are equally near, they must mean the same ("clarinets", "clarinet"), or exactly one of them must hold the
 * typed letters in order (a dropped letter, the commonest typo: "violn" is "violin", not "viola"); otherwise
 * the word stays unknown: a guess between two meanings is what the classifier must not make. Known
 * words are never corrected, which is why {@link Phrases} lists real words such as "lower" and "quieter".
 * Thread-safe.
 */
final class Spelling {
    private static final int SHORTEST = 5;
    private static final int LONG = 8;

    private final Set<String> known;
    /** What a known word means, where two spellings mean one thing (an instrument's names); else the word. */
    private final Map<String, String> meaning;
    /** Known words of at least 4 letters by length, the only candidates (a typo changes length by at most 2). */
    private final Map<Integer, List<String>> byLength = new TreeMap<>();
    private final LevenshteinDistance oneEdit = new LevenshteinDistance(1);
    private final LevenshteinDistance twoEdits = new LevenshteinDistance(2);

    Spelling(Set<String> known, Map<String, String> meaning) {
        this.known = known;
        this.meaning = meaning;
        for (String w : known) {
            if (w.length() >= SHORTEST - 1) {
                byLength.computeIfAbsent(w.length(), k -> new ArrayList<>()).add(w);
            }
        }
    }

    boolean knows(String word) {
        return known.contains(word);
    }

    /** The known word {@code word} is a typo of, or null. */
    String correct(String word) {
        if (word.length() < SHORTEST || !word.chars().allMatch(Character::isLetter)) {
            return null;
        }
        int limit = word.length() >= LONG ? 2 : 1;
        LevenshteinDistance distance = limit == 2 ? twoEdits : oneEdit;
        List<String> nearest = new ArrayList<>();
        int bestEdits = Integer.MAX_VALUE;
        for (int len = word.length() - limit; len <= word.length() + limit; len++) {
            for (String candidate : byLength.getOrDefault(len, List.of())) {
                int d = edits(distance, word, candidate);
                if (d < 0 || d > bestEdits) {
                    continue;
                }
                if (d < bestEdits) {
                    nearest.clear();
                    bestEdits = d;
                }
                nearest.add(candidate);
            }
        }
        return pick(word, nearest);
    }

    private String pick(String word, List<String> nearest) {
        if (nearest.isEmpty()) {
            return null;
        }
        String first = nearest.get(0);
        if (nearest.stream().allMatch(c -> meaningOf(c).equals(meaningOf(first)))) {
            return first;
        }
        List<String> dropped = nearest.stream().filter(c -> isSubsequence(word, c)).toList();
        return dropped.size() == 1 ? dropped.get(0) : null;
    }

    private String meaningOf(String word) {
        return meaning.getOrDefault(word, word);
    }

    private static boolean isSubsequence(String typed, String word) {
        int j = 0;
        for (int i = 0; i < word.length() && j < typed.length(); i++) {
            if (word.charAt(i) == typed.charAt(j)) {
                j++;
            }
        }
        return j == typed.length();
    }

    /** Edits between the words with a swap of neighbours counted as one; -1 beyond {@code limit}. */
    private static int edits(LevenshteinDistance distance, String word, String candidate) {
        return isOneSwap(word, candidate) ? 1 : distance.apply(word, candidate);
    }

    private static boolean isOneSwap(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int first = -1;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                first = i;
                break;
            }
        }
        if (first < 0 || first + 1 >= a.length()) {
            return false;
        }
        return a.charAt(first) == b.charAt(first + 1) && a.charAt(first + 1) == b.charAt(first)
                && a.substring(first + 2).equals(b.substring(first + 2));
    }
}
