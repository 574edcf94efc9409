package io.avqa.dataset.synth.question;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.avqa.dataset.musicavqa.AvqaQuestion;
import io.avqa.dataset.musicavqa.Templates;

/**
 * The best predictor that never looks at the clip: for each template, the answer most common in the
 * training questions (ties broken alphabetically). Its accuracy is the floor a real model must beat.
 *
 * @param overall accuracy over all evaluated questions
 * @param perType accuracy per "Modality/Kind" type
 * @param count   number of evaluated questions
 */
public record QuestionOnlyBaseline(double overall, Map<String, Double> perType, int count) {

    /** Fits majority answers on {@code train} and scores them on {@code eval}. */
    public static QuestionOnlyBaseline evaluate(List<AvqaQuestion> train, List<AvqaQuestion> eval) {
        Map<String, Map<String, Integer>> votes = new HashMap<>();
        for (AvqaQuestion q : train) {
            votes.computeIfAbsent(key(q), k -> new TreeMap<>()).merge(q.answer(), 1, Integer::sum);
        }
        Map<String, String> majority = new HashMap<>();
        votes.forEach((k, v) -> majority.put(k,
                v.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey()));
        Map<String, int[]> byType = new LinkedHashMap<>();
        for (String type : Templates.TYPES) {
            byType.put(type, new int[2]);
        }
        int right = 0;
        for (AvqaQuestion q : eval) {
            boolean ok = q.answer().equals(majority.get(key(q)));
            right += ok ? 1 : 0;
            int[] c = byType.computeIfAbsent(q.typeName(), t -> new int[2]);
            c[0] += ok ? 1 : 0;
            c[1]++;
        }
        Map<String, Double> perType = new LinkedHashMap<>();
        byType.forEach((t, c) -> {
            if (c[1] > 0) {
                perType.put(t, c[0] / (double) c[1]);
            }
        });
        return new QuestionOnlyBaseline(eval.isEmpty() ? 0 : right / (double) eval.size(), perType, eval.size());
    }

    private static String key(AvqaQuestion q) {
        return Templates.byContent(q.content()).map(t -> t.id()).orElse(q.content());
    }
}
