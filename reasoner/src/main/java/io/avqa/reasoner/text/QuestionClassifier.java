package io.avqa.reasoner.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Maps a question as a user types it ("is the acoustic guitar louder than the piano?") to its MUSIC-AVQA
 * template and type by word alignment: template words must match (case-insensitive), each slot must be filled
 * by one of the values training saw for it (written with an underscore or with spaces). A near miss of one
 * typo on a long template (an unknown word within two letters) is tolerated; anything further is {@link Classification.Unsupported} with the
 * closest templates, so the system never answers a question it was not trained for with a guess.
 */
public final class QuestionClassifier {
    /** Templates shorter than this must match exactly; longer ones tolerate one word edit. */
    private static final int TOLERANT_LENGTH = 5;
    private static final int SUGGESTIONS = 3;

    private final TemplateCatalog catalog;
    private final Set<String> knownWords = new HashSet<>();

    public QuestionClassifier(TemplateCatalog catalog, Vocabulary vocabulary) {
        this.catalog = catalog;
        for (String t : vocabulary.tokens()) {
            knownWords.add(normalise(t));
            knownWords.addAll(Arrays.asList(normalise(t).split("_")));
        }
    }

    public Classification classify(String question) {
        List<String> words = userWords(question);
        if (words.stream().noneMatch(knownWords::contains)) {
            return new Classification.Unsupported("no known words", closest(words));
        }
        Alignment best = null;
        for (QuestionTemplate t : catalog.templates()) {
            Alignment a = align(t, words);
            if (best == null || a.cost < best.cost) {
                best = a;
            }
        }
        if (best != null && best.complete() && best.cost <= tolerance(best.template)) {
            return new Classification.Supported(best.template, best.values,
                    QuestionTokenizer.words(best.template.text(), best.values), best.cost);
        }
        return new Classification.Unsupported("no template matches", closest(words));
    }

    private static int tolerance(QuestionTemplate t) {
        return t.elements().size() >= TOLERANT_LENGTH ? 1 : 0;
    }

    private List<Classification.Suggestion> closest(List<String> words) {
        List<Classification.Suggestion> all = new ArrayList<>();
        for (QuestionTemplate t : catalog.templates()) {
            all.add(new Classification.Suggestion(t, align(t, words).cost));
        }
        all.sort(Comparator.comparingInt(Classification.Suggestion::edits));
        return List.copyOf(all.subList(0, Math.min(SUGGESTIONS, all.size())));
    }

    /** Lower-cased words without punctuation; a trailing question mark is dropped. */
    static List<String> userWords(String question) {
        String s = question.toLowerCase(Locale.ROOT).replace('？', '?');
        s = s.replaceAll("[?!.,;:\"]", " ");
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static String normalise(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return w.endsWith("?") ? w.substring(0, w.length() - 1) : w;
    }

    /** Word-level edit distance where a slot consumes one of its values' word sequences at no cost. */
    private Alignment align(QuestionTemplate template, List<String> words) {
        List<String> elems = template.elements();
        int n = elems.size();
        int m = words.size();
        int inf = Integer.MAX_VALUE / 4;
        int[][] cost = new int[n + 1][m + 1];
        // back pointers: 0 = delete element, 1 = insert word, 2 = match/substitute one word, 3+ = slot value
        int[][] move = new int[n + 1][m + 1];
        String[][] value = new String[n + 1][m + 1];
        int[][] consumed = new int[n + 1][m + 1];
        for (int[] row : cost) {
            Arrays.fill(row, inf);
        }
        cost[0][0] = 0;
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= m; j++) {
                int here = cost[i][j];
                if (here >= inf) {
                    continue;
                }
                if (i < n && relax(cost, move, i + 1, j, here + 1)) {
                    move[i + 1][j] = 0;
                }
                if (j < m && relax(cost, move, i, j + 1, here + 1)) {
                    move[i][j + 1] = 1;
                }
                if (i < n && j < m) {
                    String e = elems.get(i);
                    boolean slot = QuestionTemplate.isSlot(e);
                    int sub = slot ? 1 : substitution(normalise(e), words.get(j));
                    if (relax(cost, move, i + 1, j + 1, here + sub)) {
                        move[i + 1][j + 1] = 2;
                        value[i + 1][j + 1] = null;
                    }
                    if (slot) {
                        for (String v : catalog.valuesOf(e)) {
                            for (List<String> spelled : spellings(v)) {
                                int k = spelled.size();
                                if (j + k <= m && words.subList(j, j + k).equals(spelled)
                                        && relax(cost, move, i + 1, j + k, here)) {
                                    move[i + 1][j + k] = 3;
                                    value[i + 1][j + k] = v;
                                    consumed[i + 1][j + k] = k;
                                }
                            }
                        }
                    }
                }
            }
        }
        // walk back to collect slot values
        List<String> values = new ArrayList<>();
        boolean filled = true;
        int i = n;
        int j = m;
        while (i > 0 || j > 0) {
            switch (move[i][j]) {
                case 0 -> {
                    filled &= !QuestionTemplate.isSlot(elems.get(i - 1));
                    i--;
                }
                case 1 -> j--;
                case 2 -> {
                    filled &= !QuestionTemplate.isSlot(elems.get(i - 1));
                    i--;
                    j--;
                }
                default -> {
                    values.add(0, value[i][j]);
                    int k = consumed[i][j];
                    i--;
                    j -= k;
                }
            }
        }
        return new Alignment(template, cost[n][m], values, filled);
    }

    /**
     * 0 for the same word, 1 for a likely typo (an unknown word within two letters of the template word),
     * 2 otherwise: a different real word ("quieter" for "louder") changes the question and is never tolerated.
     */
    private int substitution(String templateWord, String word) {
        if (templateWord.equals(word)) {
            return 0;
        }
        return !knownWords.contains(word) && letters(templateWord, word) <= 2 ? 1 : 2;
    }

    /** Character edit distance. */
    private static int letters(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int same = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + same);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static boolean relax(int[][] cost, int[][] move, int i, int j, int c) {
        if (c < cost[i][j]) {
            cost[i][j] = c;
            return true;
        }
        return false;
    }

    private static List<List<String>> spellings(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        List<List<String>> out = new ArrayList<>();
        out.add(List.of(v));
        if (v.contains("_")) {
            out.add(List.of(v.split("_")));
        }
        return out;
    }

    private record Alignment(QuestionTemplate template, int cost, List<String> values, boolean slotsFilled) {
        /** Every slot was filled by a known value. */
        boolean complete() {
            return slotsFilled && values.size() == template.slots().size();
        }
    }
}
