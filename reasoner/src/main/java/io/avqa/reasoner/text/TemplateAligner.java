package io.avqa.reasoner.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Aligns a question word by word with a template: template words must match (case-insensitive), each slot is
 * filled by one of the values training saw for it (written with an underscore or with spaces). An exact match
 * means the question is the template itself (every MUSIC-AVQA annotation is); otherwise a word distance ranks
 * templates as suggestions. Typos, synonyms and word order are not its business: {@link QuestionClassifier} reads those.
 */
final class TemplateAligner {
    private final Map<QuestionTemplate, Compiled> compiled = new HashMap<>();

    TemplateAligner(TemplateCatalog catalog) {
        for (QuestionTemplate t : catalog.templates()) {
            compiled.put(t, Compiled.of(t, catalog));
        }
    }

    /**
     * The slot values when {@code words} are exactly the template with known values in its slots, else null.
     * A few hundred nanoseconds: a word mismatch ends the template at once.
     */
    List<String> exact(QuestionTemplate template, List<String> words) {
        Compiled c = compiled.get(template);
        return c == null ? null : match(c, 0, words, 0, new ArrayList<>());
    }

    private static List<String> match(Compiled c, int i, List<String> words, int j, List<String> values) {
        if (i == c.elements.length) {
            return j == words.size() ? values : null;
        }
        if (c.spellings[i] == null) {
            return j < words.size() && c.elements[i].equals(words.get(j)) ? match(c, i + 1, words, j + 1, values) : null;
        }
        for (int s = 0; s < c.spellings[i].length; s++) {
            String[] spelled = c.spellings[i][s];
            if (startsWith(words, j, spelled)) {
                values.add(c.values[i][s]);
                List<String> done = match(c, i + 1, words, j + spelled.length, values);
                if (done != null) {
                    return done;
                }
                values.remove(values.size() - 1);
            }
        }
        return null;
    }

    private static boolean startsWith(List<String> words, int j, String[] spelled) {
        if (j + spelled.length > words.size()) {
            return false;
        }
        for (int k = 0; k < spelled.length; k++) {
            if (!spelled[k].equals(words.get(j + k))) {
                return false;
            }
        }
        return true;
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

    /**
     * How far a question is from a template, for ranking suggestions: template words the question lacks plus
     * question words the template lacks, a slot counting as present when one of its values is. Order-blind and
     * linear, so ranking all templates for a refused question costs microseconds.
     */
    int distance(QuestionTemplate template, List<String> words) {
        Compiled c = compiled.get(template);
        List<String> left = new ArrayList<>(words);
        int missing = 0;
        for (int i = 0; i < c.elements.length; i++) {
            if (c.spellings[i] == null) {
                if (!left.remove(c.elements[i])) {
                    missing++;
                }
                continue;
            }
            boolean found = false;
            for (String[] spelled : c.spellings[i]) {
                if (spelled.length == 1 && left.remove(spelled[0])) {
                    found = true;
                    break;
                }
            }
            missing += found ? 0 : 1;
        }
        return missing + left.size();
    }

    /**
     * A template ready for matching: its words normalised, and for each slot every spelling of every known value
     * ("acoustic_guitar" and "acoustic guitar") with the value it stands for.
     */
    private record Compiled(String[] elements, String[][][] spellings, String[][] values) {
        static Compiled of(QuestionTemplate t, TemplateCatalog catalog) {
            List<String> elems = t.elements();
            String[] words = new String[elems.size()];
            String[][][] spellings = new String[elems.size()][][];
            String[][] values = new String[elems.size()][];
            for (int i = 0; i < words.length; i++) {
                String e = elems.get(i);
                words[i] = normalise(e);
                if (QuestionTemplate.isSlot(e)) {
                    List<String[]> sp = new ArrayList<>();
                    List<String> vs = new ArrayList<>();
                    for (String v : catalog.valuesOf(e)) {
                        String lower = v.toLowerCase(Locale.ROOT);
                        sp.add(new String[] {lower});
                        vs.add(v);
                        if (lower.contains("_")) {
                            sp.add(lower.split("_"));
                            vs.add(v);
                        }
                    }
                    spellings[i] = sp.toArray(new String[0][]);
                    values[i] = vs.toArray(new String[0]);
                }
            }
            return new Compiled(words, spellings, values);
        }
    }
}
