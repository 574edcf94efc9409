package io.avqa.dataset.synth.question;

import java.util.HashMap;
import java.util.Map;

import io.avqa.dataset.musicavqa.Categories;

/**
 * Rejection sampling that keeps each template's answers near uniform, so a question-only predictor
 * (majority answer per template) stays near chance. A candidate with answer {@code a} for template
 * {@code t} is accepted only while {@code count(t, a) <= cap(t) * (accepted(t) + 1)}: the most common
 * answer of a template can never exceed its cap share by more than one question. Caps: yes/no and
 * indoor/outdoor 0.5, counts and places 0.4, instrument names 0.2.
 */
public final class AnswerBalancer {
    private final Map<String, Map<String, Integer>> counts = new HashMap<>();
    private final Map<String, Integer> totals = new HashMap<>();

    public boolean accepts(Candidate c) {
        int n = totals.getOrDefault(c.template().id(), 0);
        int k = counts.getOrDefault(c.template().id(), Map.of()).getOrDefault(c.answer(), 0);
        return k <= cap(c) * (n + 1);
    }

    public void record(Candidate c) {
        counts.computeIfAbsent(c.template().id(), t -> new HashMap<>()).merge(c.answer(), 1, Integer::sum);
        totals.merge(c.template().id(), 1, Integer::sum);
    }

    static double cap(Candidate c) {
        String a = c.answer();
        if (a.equals("yes") || a.equals("no") || a.equals("indoor") || a.equals("outdoor")) {
            return 0.5;
        }
        if (Categories.contains(a)) {
            return 0.2;
        }
        return 0.4;
    }
}
