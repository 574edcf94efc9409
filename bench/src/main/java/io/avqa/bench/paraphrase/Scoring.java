package io.avqa.bench.paraphrase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.avqa.bench.paraphrase.ParaphraseSet.Labelled;
import io.avqa.reasoner.text.Classification;
import io.avqa.reasoner.text.QuestionClassifier;
import io.avqa.reasoner.text.QuestionTemplate;
import io.avqa.reasoner.text.TemplateCatalog;
import io.avqa.reasoner.text.understand.Intent;

/** Scores each labelled question against the classifier and tallies the outcomes per question type. */
final class Scoring {
    /** What happened to one question. */
    enum Outcome {
        /** The labelled template with the labelled slots. */
        CORRECT,
        /** Refused with a reason (right for a near miss labelled refuse). */
        REFUSED,
        /** Answered as another question: another template or other slots. */
        SILENTLY_WRONG
    }

    /** One question, what it was classified as, and the outcome. */
    record Scored(Labelled item, Outcome outcome, String got, String type) {
        boolean acceptableNearMiss() {
            return item.mustRefuse() ? outcome == Outcome.REFUSED : outcome != Outcome.SILENTLY_WRONG;
        }
    }

    private final QuestionClassifier classifier;
    private final TemplateCatalog catalog;

    Scoring(QuestionClassifier classifier, TemplateCatalog catalog) {
        this.classifier = classifier;
        this.catalog = catalog;
    }

    Scored score(Labelled item) {
        Classification c = classifier.classify(item.question());
        String type = Intent.byKey(item.expected()).map(this::typeOf).orElse("near miss");
        if (c instanceof Classification.Unsupported u) {
            return new Scored(item, Outcome.REFUSED, "refused: " + u.reason(), type);
        }
        Classification.Supported s = (Classification.Supported) c;
        String key = Intent.byText(s.template().text()).map(Intent::key).orElse(s.template().text());
        boolean right = !item.mustRefuse() && key.equals(item.expected()) && s.slotValues().equals(item.slots());
        return new Scored(item, right ? Outcome.CORRECT : Outcome.SILENTLY_WRONG,
                key + " " + s.slotValues() + " = \"" + s.understoodAs() + "\"", type);
    }

    /** The question type the loaded model gives the template, e.g. Audio-Visual/Temporal. */
    private String typeOf(Intent i) {
        return catalog.find(i.text()).map(QuestionTemplate::typeName).orElse("not in the model: " + i.key());
    }

    static List<Map<String, Object>> perType(List<Scored> scored) {
        Map<String, List<Scored>> byType = new TreeMap<>();
        scored.forEach(s -> byType.computeIfAbsent(s.type(), k -> new ArrayList<>()).add(s));
        List<Map<String, Object>> rows = new ArrayList<>();
        byType.forEach((type, list) -> rows.add(row(type, list)));
        rows.add(row("all", scored));
        return rows;
    }

    private static Map<String, Object> row(String type, List<Scored> list) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("type", type);
        row.put("questions", list.size());
        row.put("correct", count(list, Outcome.CORRECT));
        row.put("refused", count(list, Outcome.REFUSED));
        row.put("silently wrong", count(list, Outcome.SILENTLY_WRONG));
        row.put("correct %", pct(count(list, Outcome.CORRECT), list.size()));
        row.put("silently wrong %", pct(count(list, Outcome.SILENTLY_WRONG), list.size()));
        return row;
    }

    static String line(List<Scored> list) {
        return String.format("%d questions: %s correct, %s refused, %s silently wrong", list.size(),
                pct(count(list, Outcome.CORRECT), list.size()), pct(count(list, Outcome.REFUSED), list.size()),
                pct(count(list, Outcome.SILENTLY_WRONG), list.size()));
    }

    /** Markdown listing every question that was not correct, and every near miss with what became of it. */
    static String details(List<Scored> scored, List<Scored> near) {
        StringBuilder md = new StringBuilder("\n## Paraphrases not answered as labelled\n\n| set | expected | question | got |\n| --- | --- | --- | --- |\n");
        for (Scored s : scored) {
            if (s.outcome() != Outcome.CORRECT) {
                md.append(String.format("| %s | %s %s | %s | %s |%n", s.item().file(), s.item().expected(),
                        s.item().slots(), s.item().question(), s.got()));
            }
        }
        md.append("\n## Near misses\n\n| expected | question | got | ok |\n| --- | --- | --- | --- |\n");
        for (Scored s : near) {
            md.append(String.format("| %s %s | %s | %s | %s |%n", s.item().expected(), s.item().slots(),
                    s.item().question(), s.got(), s.acceptableNearMiss() ? "yes" : "**no**"));
        }
        return md.toString();
    }

    private static long count(List<Scored> list, Outcome o) {
        return list.stream().filter(s -> s.outcome() == o).count();
    }

    private static String pct(long n, int of) {
        return String.format("%d (%.1f %%)", n, of == 0 ? 0.0 : 100.0 * n / of);
    }
}
