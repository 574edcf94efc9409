package io.avqa.reasoner.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Aligns a question word by word with a template: template words must match (case-insensitive), each slot is
 * filled by one of the values training saw for it (written with an underscore or with spaces). Cost 0 means the
 * question is the template itself (every MUSIC-AVQA annotation is); otherwise the cost ranks templates as
 * suggestions. Typos, synonyms and word order are not its business: {@link QuestionClassifier} reads those.
 */
final class TemplateAligner {
    private final TemplateCatalog catalog;

    TemplateAligner(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    /** Lower-cased words without punctuation; a trailing question mark is dropped. */
    static List<String> userWords(String question) {
        String s = question.toLowerCase(Locale.ROOT).replace('\uff1f', '?');
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
    Alignment align(QuestionTemplate template, List<String> words) {
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
                    int sub = slot || !normalise(e).equals(words.get(j)) ? 1 : 0;
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

    /**
     * @param cost        word edits between question and template (0 = the template itself)
     * @param values      the slot values read, in template order
     * @param slotsFilled every slot was consumed by a known value
     */
    record Alignment(QuestionTemplate template, int cost, List<String> values, boolean slotsFilled) {
        /** Every slot was filled by a known value. */
        boolean complete() {
            return slotsFilled && values.size() == template.slots().size();
        }

        boolean exact() {
            return cost == 0 && complete();
        }
    }
}
