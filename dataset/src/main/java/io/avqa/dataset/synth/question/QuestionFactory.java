package io.avqa.dataset.synth.question;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import io.avqa.dataset.musicavqa.Categories;
import io.avqa.dataset.musicavqa.Slot;
import io.avqa.dataset.musicavqa.Template;
import io.avqa.dataset.musicavqa.Templates;
import io.avqa.dataset.synth.scene.Scene;
import io.avqa.dataset.synth.scene.Source;

/**
 * Every question that can be asked about a scene, per template: all fillings of the template's slots
 * whose answer is defined. {@code <Object>} slots range over the categories in the scene (seen or heard)
 * plus a few absent ones, so "Is there a ... ?" sees both answers.
 */
public final class QuestionFactory {
    private static final int ABSENT_CATEGORIES = 3;

    private QuestionFactory() {
    }

    /** Candidates per template, templates in {@link Templates#ALL} order; templates with none are left out. */
    public static Map<Template, List<Candidate>> candidates(Scene scene, SplittableRandom rnd) {
        AnswerRules rules = new AnswerRules(scene);
        List<String> objects = objectDomain(scene, rnd);
        Map<Template, List<Candidate>> out = new LinkedHashMap<>();
        for (Template t : Templates.ALL) {
            List<Candidate> list = new ArrayList<>();
            for (List<String> values : fillings(t.slots(), objects)) {
                Optional<String> answer = rules.answer(t, values);
                answer.ifPresent(a -> list.add(new Candidate(t, values, a)));
            }
            if (!list.isEmpty()) {
                out.put(t, list);
            }
        }
        return out;
    }

    private static List<String> objectDomain(Scene scene, SplittableRandom rnd) {
        Set<String> present = new LinkedHashSet<>();
        for (Source s : scene.sources()) {
            present.add(s.category());
        }
        List<String> absent = new ArrayList<>(Categories.ALL);
        absent.removeAll(present);
        List<String> domain = new ArrayList<>(present);
        for (int i = 0; i < ABSENT_CATEGORIES && !absent.isEmpty(); i++) {
            domain.add(absent.remove(rnd.nextInt(absent.size())));
        }
        return domain;
    }

    private static List<List<String>> fillings(List<Slot> slots, List<String> objects) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (Slot slot : slots) {
            List<String> domain = slot == Slot.OBJECT ? objects : slot.fillers();
            List<List<String>> next = new ArrayList<>(out.size() * domain.size());
            for (List<String> prefix : out) {
                for (String value : domain) {
                    List<String> filled = new ArrayList<>(prefix);
                    filled.add(value);
                    next.add(filled);
                }
            }
            out = next;
        }
        return out;
    }
}
