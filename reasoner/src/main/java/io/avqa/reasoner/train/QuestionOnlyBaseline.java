package io.avqa.reasoner.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.avqa.dataset.musicavqa.AvqaQuestion;

/**
 * The question-only baseline: the majority training answer of each template (ignoring audio and video). A
 * template training never saw falls back to the majority of its question type, then to the overall majority.
 * Anything the model scores at or below this has learned nothing from the clip.
 */
public final class QuestionOnlyBaseline {
    private final Map<String, String> byTemplate;
    private final Map<String, String> byType;
    private final String overall;

    private QuestionOnlyBaseline(Map<String, String> byTemplate, Map<String, String> byType, String overall) {
        this.byTemplate = byTemplate;
        this.byType = byType;
        this.overall = overall;
    }

    public static QuestionOnlyBaseline fit(List<AvqaQuestion> train) {
        Map<String, Map<String, Integer>> templates = new HashMap<>();
        Map<String, Map<String, Integer>> types = new HashMap<>();
        Map<String, Integer> all = new HashMap<>();
        for (AvqaQuestion q : train) {
            templates.computeIfAbsent(q.content().trim(), k -> new HashMap<>()).merge(q.answer(), 1, Integer::sum);
            types.computeIfAbsent(q.typeName(), k -> new HashMap<>()).merge(q.answer(), 1, Integer::sum);
            all.merge(q.answer(), 1, Integer::sum);
        }
        Map<String, String> byTemplate = new HashMap<>();
        templates.forEach((k, v) -> byTemplate.put(k, majority(v)));
        Map<String, String> byType = new HashMap<>();
        types.forEach((k, v) -> byType.put(k, majority(v)));
        return new QuestionOnlyBaseline(byTemplate, byType, all.isEmpty() ? "" : majority(all));
    }

    /** Ties break by answer text so the baseline is deterministic. */
    private static String majority(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .max((a, b) -> a.getValue().equals(b.getValue()) ? b.getKey().compareTo(a.getKey())
                        : Integer.compare(a.getValue(), b.getValue()))
                .orElseThrow().getKey();
    }

    public String answer(AvqaQuestion q) {
        String a = byTemplate.get(q.content().trim());
        if (a == null) {
            a = byType.getOrDefault(q.typeName(), overall);
        }
        return a;
    }

    /** The baseline's predictions for a list of questions, in the same form as the model's. */
    public List<QuestionPrediction> predict(List<AvqaQuestion> questions) {
        List<QuestionPrediction> out = new ArrayList<>(questions.size());
        for (AvqaQuestion q : questions) {
            out.add(new QuestionPrediction(q.videoId(), q.questionId(), q.typeName(), q.content().trim(), q.answer(),
                    answer(q), 1f));
        }
        return out;
    }
}
